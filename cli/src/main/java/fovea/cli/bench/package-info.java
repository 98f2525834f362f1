/**
 * {@code fovea bench}: Fovea's kernels measured side by side with a reference on this machine ({@code gemm}: SGEMM
 * against OpenBLAS through numpy). May import {@code fovea.cli} and core, no other job.
 */
package fovea.cli.bench;
