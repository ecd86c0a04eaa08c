"""The validation container of the dev cluster's notebook validator.

Does what the Jupyter Notebook Validator Operator's validation container does
(tosin2013/jupyter-notebook-validator-operator,
internal/controller/papermill_helper.go, buildPapermillValidationContainer):
checks that the notebook exists and that papermill is installed in the image,
runs the notebook with `python -m papermill`, reads the executed notebook's
cells and prints the operator's "Results Summary:" JSON block last, which the
operator parses from the container log (pod_log_helper.go,
parseResultsFromLogs). Exits with papermill's exit code, so a failing notebook
fails the pod.

Unlike the operator's script it installs nothing at runtime: an image without
papermill is reported as dependency_install_failed (on OpenShift the operator's
`pip install --user` fails the same way under a random UID, ADR-023).

    python validator.py NOTEBOOK [OUTPUT_DIR]
"""

import json
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path


def log(message):
    print(f"[{datetime.now().strftime('%Y-%m-%d %H:%M:%S')}] {message}", flush=True)


def summary(status, error, category, exit_code, notebook_path, duration, cells):
    code_cells = sum(1 for c in cells if c["cell_type"] == "code")
    failed = sum(1 for c in cells if c.get("status") == "failed")
    return {
        "status": status,
        "error": error,
        "error_category": category,
        "exit_code": exit_code,
        "notebook_path": notebook_path,
        "execution_duration_seconds": duration,
        "timestamp": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cells": cells,
        "statistics": {
            "total_cells": len(cells),
            "code_cells": code_cells,
            "failed_cells": failed,
            "success_rate": round((code_cells - failed) / code_cells * 100, 2) if code_cells else 100.0,
        },
    }


def read_cells(path):
    import nbformat

    notebook = nbformat.read(str(path), as_version=4)
    cells = []
    for index, cell in enumerate(notebook.cells):
        result = {"cell_index": index, "cell_type": cell.cell_type, "execution_count": cell.get("execution_count")}
        if cell.cell_type == "code":
            result["status"] = "succeeded"
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    result["status"] = "failed"
                    result["error"] = output.get("evalue", "Unknown error")
                    result["traceback"] = output.get("traceback", [])
        cells.append(result)
    return cells


def category_of(log_text, exit_code):
    if "PermissionError" in log_text or "Permission denied" in log_text:
        return "environment_setup_failed", (
            "Notebook execution failed due to permission errors. "
            "Check that the container has write access to required directories."
        )
    if "ModuleNotFoundError" in log_text or "ImportError" in log_text or "No module named" in log_text:
        return "dependency_install_failed", (
            "Notebook execution failed due to missing Python dependencies. "
            "Consider using a custom image with required packages pre-installed."
        )
    if "NameError" in log_text or "AttributeError" in log_text or "TypeError" in log_text:
        return "notebook_execution_failed", "Notebook execution failed due to code errors. Review the notebook code for issues."
    return "notebook_execution_failed", f"Papermill execution failed with exit code {exit_code}. Check logs for details."


def finish(result):
    log("Results Summary:")
    print(json.dumps(result, indent=4), flush=True)
    sys.exit(result["exit_code"])


def main():
    notebook = Path(sys.argv[1])
    workspace = Path(sys.argv[2] if len(sys.argv) > 2 else "/workspace")
    output = workspace / "output.ipynb"
    print("==========================================")
    print("Jupyter Notebook Validator - Papermill")
    print("==========================================")
    print(f"Input Notebook: {notebook}")
    print(f"Output Notebook: {output}", flush=True)
    log("Verifying notebook exists...")
    if not notebook.is_file():
        log(f"ERROR: Notebook not found at path: {notebook}")
        finish(summary("failed", f"Notebook not found at path: {notebook}", "configuration_error", 1, str(notebook), 0, []))
    log("✓ Notebook found")
    log("Checking Papermill installation...")
    try:
        import papermill  # noqa: F401
    except ImportError:
        log("ERROR: Papermill is not installed in the image, and the dev cluster installs nothing at runtime.")
        finish(
            summary(
                "failed",
                "Papermill is not installed in the image. SOLUTION: Use a custom container image with Papermill pre-installed.",
                "dependency_install_failed",
                2,
                str(notebook),
                0,
                [],
            )
        )
    log("✓ Papermill already installed")
    log(f"Python version: Python {sys.version.split()[0]}")
    log(f"Papermill version: {papermill.__version__}")
    log("==========================================")
    log("Executing Notebook with Papermill")
    log("==========================================")
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "papermill", str(notebook), str(output), "--log-output", "--no-progress-bar", "--report-mode"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    for line in process.stdout:
        lines.append(line)
        print(line, end="", flush=True)
    exit_code = process.wait()
    duration = int(time.monotonic() - start)
    if exit_code == 0:
        status, error, category = "succeeded", "None", "none"
        log("✓ Notebook execution completed successfully")
    else:
        status = "failed"
        category, error = category_of("".join(lines), exit_code)
        log(f"✗ Notebook execution failed with exit code: {exit_code}")
        log(f"Error category: {category}")
    log(f"Execution duration: {duration}s")
    log("Parsing notebook results...")
    try:
        cells = read_cells(output if output.is_file() else notebook)
    except Exception as exc:  # the operator reports an unreadable notebook the same way
        finish(summary("failed", f"Failed to parse notebook: {exc}", "notebook_execution_failed", 1, str(notebook), duration, []))
    result = summary(status, error, category, exit_code, str(notebook), duration, cells)
    print(f"✓ Parsed {len(cells)} cells ({result['statistics']['code_cells']} code cells)")
    print(f"✓ Success rate: {result['statistics']['success_rate']}%", flush=True)
    log("==========================================")
    log("Validation Complete")
    log("==========================================")
    log(f"Status: {status}")
    finish(result)


if __name__ == "__main__":
    main()
