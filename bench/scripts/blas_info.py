# Prints one line naming the BLAS that numpy and torch load in this environment and, for OpenBLAS, the kernel it
# chose for this CPU (threadpoolctl's "architecture" when it recognizes the library, else OpenBLAS's own
# openblas_get_corename through ctypes: Debian's OpenBLAS is loaded as libblas.so.3, which threadpoolctl misses).
import ctypes
import importlib
import sys

for module in sys.argv[1:] or ["numpy"]:
    importlib.import_module(module)
import numpy as np

np.ones((64, 64), np.float32) @ np.ones((64, 64), np.float32)   # loads and initializes the BLAS


def from_threadpoolctl():
    try:
        import threadpoolctl
    except ImportError:
        return None
    for info in threadpoolctl.threadpool_info():
        if info.get("internal_api") == "openblas":
            return "OpenBLAS %s, kernel %s (%s)" % (info.get("version"), info.get("architecture"), info["filepath"])
    return None


def from_maps():
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if ".so" in line and "blas" in line.lower()})
    for path in paths:
        try:
            library = ctypes.CDLL(path)
            library.openblas_get_corename.restype = ctypes.c_char_p
            library.openblas_get_config.restype = ctypes.c_char_p
        except (OSError, AttributeError):
            continue
        return "OpenBLAS, kernel %s (%s; %s)" % (library.openblas_get_corename().decode(),
                                                 library.openblas_get_config().decode().strip(), path)
    return "BLAS: " + (", ".join(paths) or "none found")


print("reference BLAS: " + (from_threadpoolctl() or from_maps()))
