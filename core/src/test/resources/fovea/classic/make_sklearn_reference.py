"""Makes knn_sklearn.txt and pca_sklearn.txt for the fovea.classic tests; run once, output committed.

Run from the repository root: /usr/bin/python3 core/src/test/resources/fovea/classic/make_sklearn_reference.py
(numpy and Debian's python3-sklearn 1.2). Data: the Fashion-MNIST sample shipped in data/fashion-mnist-sample.

knn_sklearn.txt: for the first 400 test images, the labels predicted by KNeighborsClassifier(algorithm='brute')
fitted on the 4000 training images as raw pixels (0-255), for k in 1, 5, 9 and the manhattan and euclidean metrics;
one line per setting: "k distance label label ...".

pca_sklearn.txt: PCA(n_components=5, svd_solver='full') fitted on the 8x8 centre crop (rows and columns 10..17,
64 features, pixels scaled to [0, 1] as float32 then widened to float64) of the first 500 training images; lines
"explained_variance v1 .. v5", "explained_variance_ratio r1 .. r5", "mean m1 .. m64" and "component i c1 .. c64".
"""
import gzip
import numpy as np
from sklearn.decomposition import PCA
from sklearn.neighbors import KNeighborsClassifier

folder = 'data/fashion-mnist-sample/'


def images(name):
    with gzip.open(folder + name) as f:
        data = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    return data.reshape(-1, 784)


def labels(name):
    with gzip.open(folder + name) as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=8).astype(np.int64)


x_train, y_train = images('train-images-idx3-ubyte.gz'), labels('train-labels-idx1-ubyte.gz')
x_test = images('t10k-images-idx3-ubyte.gz')[:400]
with open('core/src/test/resources/fovea/classic/knn_sklearn.txt', 'w') as out:
    for metric, name in (('manhattan', 'l1'), ('euclidean', 'l2')):
        for k in (1, 5, 9):
            model = KNeighborsClassifier(n_neighbors=k, algorithm='brute', metric=metric).fit(x_train, y_train)
            out.write(f'{k} {name} ' + ' '.join(str(v) for v in model.predict(x_test)) + '\n')

crop = (x_train[:500].reshape(-1, 28, 28)[:, 10:18, 10:18].reshape(-1, 64).astype(np.float32) / np.float32(255)).astype(np.float64)
pca = PCA(n_components=5, svd_solver='full').fit(crop)
with open('core/src/test/resources/fovea/classic/pca_sklearn.txt', 'w') as out:
    out.write('explained_variance ' + ' '.join(repr(float(v)) for v in pca.explained_variance_) + '\n')
    out.write('explained_variance_ratio ' + ' '.join(repr(float(v)) for v in pca.explained_variance_ratio_) + '\n')
    out.write('mean ' + ' '.join(repr(float(v)) for v in pca.mean_) + '\n')
    for i, row in enumerate(pca.components_):
        out.write(f'component {i} ' + ' '.join(repr(float(v)) for v in row) + '\n')
