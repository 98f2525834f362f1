# Sourced by every side-by-side script after it sets $root and $python, with the Python modules of its reference
# side as arguments: that side runs through `reference COMMAND...`, which removes OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE from its environment (these machines may set them for old OpenBLAS builds; they make a current
# OpenBLAS run an older, slower kernel). Prints the BLAS and the kernel OpenBLAS chose for the reference side, and
# Fovea's vector width and SGEMM tile.
reference() {
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MALLOC_MMAP_THRESHOLD_=4000000000 MALLOC_TRIM_THRESHOLD_=4000000000 \
        MALLOC_TOP_PAD_=268435456 "$@"
}
(tmp="$(mktemp -d)" && cd "$tmp" && reference "$python" "$root/bench/scripts/blas_info.py" "$@"; rm -rf "$tmp")
"$root/fovea" --version | sed -n '2s/^/fovea: /p'
