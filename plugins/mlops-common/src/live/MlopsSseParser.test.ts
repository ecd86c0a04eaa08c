import { MlopsSseMessage, MlopsSseParser } from './MlopsSseParser';

function parse(chunks: string[]) {
  const messages: MlopsSseMessage[] = [];
  const parser = new MlopsSseParser(m => messages.push(m));
  chunks.forEach(c => parser.push(c));
  return { messages, parser };
}

describe('MlopsSseParser', () => {
  it('parses events, ids, retry and comments', () => {
    const { messages, parser } = parse([
      'retry: 3000\n\n: ping\n\nid: a.1\nevent: ready\ndata: {"x":1}\n\n',
      'event: change\ndata: line1\ndata: line2\n\n',
    ]);
    expect(messages).toEqual([
      { event: 'ready', data: '{"x":1}', id: 'a.1' },
      { event: 'change', data: 'line1\nline2' },
    ]);
    expect(parser.lastEventId).toBe('a.1');
    expect(parser.retryMs).toBe(3000);
  });

  it('joins messages split across chunks anywhere, including inside \\r\\n', () => {
    const text = 'id: 7\r\nevent: change\r\ndata: {"a":"b"}\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const { messages, parser } = parse([text.slice(0, cut), text.slice(cut)]);
      expect(messages).toEqual([
        { event: 'change', data: '{"a":"b"}', id: '7' },
      ]);
      expect(parser.lastEventId).toBe('7');
    }
  });

  it('defaults the event name and ignores a message without data', () => {
    const { messages } = parse(['event: x\n\ndata\n\n']);
    expect(messages).toEqual([{ event: 'message', data: '' }]);
  });
});
