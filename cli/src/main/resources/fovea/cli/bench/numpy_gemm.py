# The OpenBLAS side of `fovea bench gemm`: times float32 matrix products with numpy, one request per line.
# Requests on stdin: {"m": M, "k": K, "n": N, "calls": CALLS}; each answer is one JSON line on stdout:
# {"seconds": S} for CALLS back-to-back products of C-contiguous a (M x K) and b (K x N) into a preallocated
# c (np.matmul(a, b, out=c) is `a @ b` without allocating the result, as Fovea's side writes into C).
# The first line says which numpy and which BLAS library the process has loaded.
import json
import sys
import time

try:
    import numpy as np
except ImportError as error:
    print(json.dumps({"error": "numpy is not installed (%s)" % error}), flush=True)
    sys.exit(0)


def loaded_blas():
    """The path of the BLAS shared library this process mapped, as the loader resolved it."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if ".so" in line}
    except OSError:
        return "unknown"
    for name in ("openblas", "blis", "mkl", "blas"):
        for path in sorted(paths):
            if name in path.rsplit("/", 1)[-1] or (name == "openblas" and name in path):
                return path
    return "unknown"


def openblas_kernel():
    """The kernel OpenBLAS chose for this CPU (threadpoolctl's "architecture"), or "" when it cannot be told."""
    try:
        import threadpoolctl
        for info in threadpoolctl.threadpool_info():
            if info.get("internal_api") == "openblas":
                return "OpenBLAS %s, kernel %s" % (info.get("version"), info.get("architecture"))
    except Exception:
        pass
    return ""


np.ones((2, 2), np.float32) @ np.ones((2, 2), np.float32)
kernel = openblas_kernel()
print(json.dumps({"numpy": np.__version__, "blas": loaded_blas() + (" (" + kernel + ")" if kernel else "")}), flush=True)

operands = {}
for line in sys.stdin:
    request = json.loads(line)
    m, k, n = request["m"], request["k"], request["n"]
    if (m, k, n) not in operands:
        operands.clear()
        random = np.random.default_rng(0)
        operands[(m, k, n)] = (random.random((m, k), dtype=np.float32), random.random((k, n), dtype=np.float32),
                               np.empty((m, n), dtype=np.float32))
    a, b, c = operands[(m, k, n)]
    start = time.perf_counter()
    for _ in range(request["calls"]):
        np.matmul(a, b, out=c)
    print(json.dumps({"seconds": time.perf_counter() - start}), flush=True)
