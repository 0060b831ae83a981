#!/usr/bin/env python3
"""scikit-learn side of `npm run bench:defaults` (bench/defaults/run.ts).

What a data scientist gets from scikit-learn's defaults in a notebook: the
input columns as floats, text columns one-hot encoded (pandas.get_dummies
style, categories from the training rows), no scaling, each estimator built
with no arguments but a seed. Reads one split written by the Node side
(train.csv, test.csv with the same header, `inputs` and `label` in
split.json) and prints one JSON line per algorithm: scores on the test rows,
higher = more anomalous (-score_samples for the unsupervised estimators,
predict_proba[:, 1] for the supervised ones).

Usage: sklearn_defaults.py DIR ALGORITHM[,ALGORITHM...]
"""
import csv
import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier, IsolationForest, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import LocalOutlierFactor
from sklearn.svm import OneClassSVM

ESTIMATORS = {
    "isolation_forest": (False, lambda seed: IsolationForest(random_state=seed)),
    "one_class_svm": (False, lambda seed: OneClassSVM()),
    "local_outlier_factor": (False, lambda seed: LocalOutlierFactor(novelty=True)),
    "random_forest": (True, lambda seed: RandomForestClassifier(random_state=seed)),
    "logistic_regression": (True, lambda seed: LogisticRegression()),
    "gradient_boosting": (True, lambda seed: HistGradientBoostingClassifier(random_state=seed)),
}


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def encode(header, train_rows, test_rows, inputs, text):
    """Float columns as they are; text columns one-hot on the training categories."""
    cols_train, cols_test = [], []
    for name in inputs:
        j = header.index(name)
        if name in text:
            for category in sorted({r[j] for r in train_rows}):
                cols_train.append([1.0 if r[j] == category else 0.0 for r in train_rows])
                cols_test.append([1.0 if r[j] == category else 0.0 for r in test_rows])
        else:
            cols_train.append([float(r[j]) if r[j] != "" else np.nan for r in train_rows])
            cols_test.append([float(r[j]) if r[j] != "" else np.nan for r in test_rows])
    return np.array(cols_train).T, np.array(cols_test).T


def main():
    folder, algorithms = sys.argv[1], sys.argv[2].split(",")
    with open(f"{folder}/split.json", encoding="utf-8") as f:
        meta = json.load(f)
    header, train_rows = read(f"{folder}/train.csv")
    _, test_rows = read(f"{folder}/test.csv")
    X, X_test = encode(header, train_rows, test_rows, meta["inputs"], set(meta["text"]))
    y = np.array([int(r[header.index(meta["label"])]) for r in train_rows])
    print(json.dumps({"event": "versions", "sklearn": sklearn.__version__, "numpy": np.__version__}), flush=True)
    for algorithm in algorithms:
        supervised, make = ESTIMATORS[algorithm]
        model = make(meta["seed"])
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if supervised:
                model.fit(X, y)
                scores = model.predict_proba(X_test)[:, list(model.classes_).index(1)]
            else:
                model.fit(X)
                scores = -model.score_samples(X_test)
        print(json.dumps({"event": "scores", "algorithm": algorithm, "seconds": time.perf_counter() - started, "scores": [float(s) for s in scores]}), flush=True)


if __name__ == "__main__":
    main()
