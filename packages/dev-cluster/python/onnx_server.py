"""A stand-in for OpenVINO Model Server, which does not install from PyPI.

Takes the arguments OpenShift AI's kserve-ovms runtime passes to OVMS
(opendatahub-io/odh-model-controller config/runtimes/ovms-kserve-template.yaml:
--model_name, --model_path, --rest_port), loads the newest version of the
model repository the way OVMS lays it out (<model_path>/<version>/model.onnx,
https://docs.openvino.ai/canonical/ovms_docs_models_repository.html) with
onnxruntime, and answers the KServe v2 REST endpoints OVMS serves
(https://docs.openvino.ai/2024/ovms_docs_rest_api_kfs.html): health, model
metadata and readiness, and infer. The server is simulated; the model file is
really loaded and really predicts. A model that cannot be loaded ends the
process with exit code 1 and the error on stderr.
"""

import argparse
import json
import sys
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import onnxruntime

DATATYPES = {
    "FP32": np.float32,
    "FP64": np.float64,
    "INT32": np.int32,
    "INT64": np.int64,
}
ONNX_TYPES = {"tensor(float)": "FP32", "tensor(double)": "FP64", "tensor(int32)": "INT32", "tensor(int64)": "INT64"}


def load(model_path):
    versions = sorted((d for d in Path(model_path).iterdir() if d.is_dir() and d.name.isdigit()), key=lambda d: int(d.name))
    if not versions:
        raise FileNotFoundError(f"no model version directory (<number>/model.onnx) in {model_path}")
    files = sorted(versions[-1].glob("*.onnx"))
    if not files:
        raise FileNotFoundError(f"no .onnx file in {versions[-1]}")
    return versions[-1].name, onnxruntime.InferenceSession(str(files[0]), providers=["CPUExecutionProvider"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_name", required=True)
    parser.add_argument("--model_path", required=True)
    parser.add_argument("--rest_port", type=int, required=True)
    args, _ = parser.parse_known_args()
    try:
        version, session = load(args.model_path)
    except Exception:
        traceback.print_exc()
        print(f"[error] model {args.model_name} could not be loaded from {args.model_path}", file=sys.stderr, flush=True)
        sys.exit(1)
    name = args.model_name
    print(f"[info] model {name} version {version} loaded with onnxruntime (OpenVINO Model Server simulated)", flush=True)

    def metadata():
        tensor = lambda t: {"name": t.name, "datatype": ONNX_TYPES.get(t.type, t.type), "shape": [d if isinstance(d, int) else -1 for d in t.shape]}
        return {
            "name": name,
            "versions": [version],
            "platform": "OpenVINO",
            "inputs": [tensor(t) for t in session.get_inputs()],
            "outputs": [tensor(t) for t in session.get_outputs()],
        }

    class Handler(BaseHTTPRequestHandler):
        def reply(self, code, body):
            raw = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def do_GET(self):
            if self.path in ("/v2/health/live", "/v2/health/ready", f"/v2/models/{name}/ready", f"/v2/models/{name}/versions/{version}/ready"):
                return self.reply(200, {})
            if self.path in (f"/v2/models/{name}", f"/v2/models/{name}/versions/{version}"):
                return self.reply(200, metadata())
            self.reply(404, {"error": f"Model with requested name is not found: {self.path}"})

        def do_POST(self):
            if self.path not in (f"/v2/models/{name}/infer", f"/v2/models/{name}/versions/{version}/infer"):
                return self.reply(404, {"error": f"Model with requested name is not found: {self.path}"})
            try:
                request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
                feeds = {}
                for spec, given in zip(session.get_inputs(), request["inputs"]):
                    dtype = DATATYPES[given.get("datatype", "FP32")]
                    feeds[spec.name] = np.asarray(given["data"], dtype=dtype).reshape(given["shape"]).astype(np.float32 if spec.type == "tensor(float)" else dtype)
                results = session.run(None, feeds)
            except Exception as exc:
                return self.reply(400, {"error": f"Invalid request: {exc}"})
            outputs = [
                {"name": spec.name, "shape": list(value.shape), "datatype": ONNX_TYPES.get(spec.type, "FP32"), "data": value.reshape(-1).tolist()}
                for spec, value in zip(session.get_outputs(), results)
            ]
            self.reply(200, {"model_name": name, "model_version": version, "id": request.get("id", ""), "outputs": outputs})

        def log_message(self, fmt, *values):
            print(f"[info] {self.address_string()} {fmt % values}", flush=True)

    ThreadingHTTPServer(("127.0.0.1", args.rest_port), Handler).serve_forever()


if __name__ == "__main__":
    main()
