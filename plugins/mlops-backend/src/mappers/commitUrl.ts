/**
 * The web page of a commit in the repository a build fetched, for the hosts whose
 * commit pages are known: GitHub (`<repo>/commit/<sha>`), GitLab
 * (`<repo>/-/commit/<sha>`) and Bitbucket Cloud (`<repo>/commits/<sha>`), by the host
 * name. `git@host:owner/repo.git` and `ssh://` URLs are read as the host's https page.
 * Undefined for any other host (e.g. a plain git server), where only the id is shown.
 *
 * @internal
 */
export function commitUrlOf(
  repository: string,
  sha: string,
): string | undefined {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) {
    return undefined;
  }
  let text = repository.trim();
  const scp = /^[\w.-]+@([^:/]+):(.+)$/.exec(text);
  if (scp) {
    text = `https://${scp[1]}/${scp[2]}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol)) {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  const path = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  if (!path || path === '/') {
    return undefined;
  }
  const base = `https://${host}${path}`;
  if (host === 'github.com' || host.startsWith('github.')) {
    return `${base}/commit/${sha}`;
  }
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) {
    return `${base}/-/commit/${sha}`;
  }
  if (host === 'bitbucket.org') {
    return `${base}/commits/${sha}`;
  }
  return undefined;
}
