"""scikit-learn's side of bench/scripts/knn-bench.sh: brute-force k-nearest neighbours on Fashion-MNIST raw pixels.

Usage: knn_sklearn.py DATA_FOLDER KS DISTANCES [LIMIT_TEST]   e.g. /usr/share/datasets/fashion-mnist 1,5,9 l1,l2
For each distance: one KNeighborsClassifier(algorithm='brute', n_jobs=2) search for the largest k (kneighbors),
then each k's prediction by the vote predict() itself uses (scipy.stats.mode over the first k neighbours' labels:
the most frequent label, a tie to the smallest), so it does the same work as Fovea (one search per distance).
Prints one JSON object: results (k, distance, accuracy), seconds (the whole classification, excluding reading the
files), and the seconds of each distance.
"""
import gzip
import json
import os
import sys
import time

import numpy as np
from scipy import stats
from sklearn.neighbors import KNeighborsClassifier


def read(folder, name, offset):
    path = os.path.join(folder, name)
    opener = gzip.open if os.path.exists(path) else open
    if not os.path.exists(path):
        path = path[:-3]
    with opener(path, 'rb') as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


folder, ks, distances = sys.argv[1], [int(k) for k in sys.argv[2].split(',')], sys.argv[3].split(',')
limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
x_train = read(folder, 'train-images-idx3-ubyte.gz', 16).reshape(-1, 784)
y_train = read(folder, 'train-labels-idx1-ubyte.gz', 8).astype(np.int64)
x_test = read(folder, 't10k-images-idx3-ubyte.gz', 16).reshape(-1, 784)[:limit]
y_test = read(folder, 't10k-labels-idx1-ubyte.gz', 8).astype(np.int64)[:limit]

results, per_distance = [], {}
start = time.perf_counter()
for distance in distances:
    metric = {'l1': 'manhattan', 'l2': 'euclidean'}[distance]
    began = time.perf_counter()
    model = KNeighborsClassifier(n_neighbors=max(ks), algorithm='brute', metric=metric, n_jobs=2).fit(x_train, y_train)
    neighbours = model.kneighbors(x_test, return_distance=False)
    for k in ks:
        votes = model._y[neighbours[:, :k]]
        predicted = model.classes_[np.asarray(stats.mode(votes, axis=1, keepdims=False).mode).ravel()]
        results.append({'k': k, 'distance': distance, 'accuracy': float(np.mean(predicted == y_test))})
    per_distance[distance] = time.perf_counter() - began
print(json.dumps({'results': results, 'seconds': time.perf_counter() - start, 'distance_seconds': per_distance}))
