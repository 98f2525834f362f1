"""The timing loop of the PyTorch side of the side-by-side scripts, as StepTimer is Fovea's."""
import statistics
import time


def median_seconds(step, warmup, iterations):
    """Runs step() warmup times, then times it iterations times; the median in seconds."""
    for _ in range(warmup):
        step()
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
