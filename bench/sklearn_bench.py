#!/usr/bin/env python3
"""scikit-learn side of `npm run bench` and `npm run bench:large` (bench/run.ts, bench/large.ts).

Usage:
  sklearn_bench.py --probe
  sklearn_bench.py --estimator ID --mode compare|train --data DIR --seeds 0,1,2 \
      [--batch-rows 10000] [--latency-calls 2000] [--latency-warmup 200] [--latency-max-s 20]
      [--budget-s S] [--warmup-rounds 5] [--warmup-seed 1000]

ID is a Vigil algorithm id (isolation_forest, one_class_svm, local_outlier_factor,
random_forest, logistic_regression, gradient_boosting); ESTIMATORS below maps it to
the scikit-learn estimator. DIR holds the files written by bench/data-files.ts:
X.f64 (row-major little-endian float64), y.u8, meta.json and split index files
(int32), the very rows the Vigil side reads.

Mirror of bench/vigil-worker.ts. One JSON event per line on stdout, flushed at
once (see bench/worker-protocol.ts): "loaded" with the peak RSS after loading
the data (the baseline), then per seed: fit on the train split (timed, labels
only for supervised estimators), score the test split (untimed, for AUROC),
score the test split tiled to --batch-rows rows (timed); after the first seed,
--latency-calls one-row scoring calls timed one by one (fewer if they add up to
--latency-max-s). No further seed starts once the seeds so far project past
--budget-s ("stopped" event). Mode "train" fits once
on all rows instead. Scores: higher = more anomalous (-score_samples /
-decision_function for unsupervised estimators, predict_proba[:, 1] for
supervised ones). Run single-threaded: n_jobs=1 and OMP/BLAS threads = 1 (set
by the caller's environment).
"""
import argparse
import json
import math
import platform
import resource
import sys
import time
import warnings


def emit(event, **fields):
    print(json.dumps({"event": event, **fields}), flush=True)


def fail(message):
    emit("error", message=message)
    sys.exit(2)


try:
    import numpy as np
    import sklearn
except ImportError as exc:  # pragma: no cover - depends on the machine
    fail(f"scikit-learn is not importable ({exc}); install it with: sudo apt-get install -y python3-sklearn")


def isolation_forest(seed):
    from sklearn.ensemble import IsolationForest

    return IsolationForest(n_estimators=100, max_samples="auto", random_state=seed, n_jobs=1)


def one_class_svm(_seed):
    from sklearn.svm import OneClassSVM

    return OneClassSVM(kernel="rbf", nu=0.5, gamma="scale")


def local_outlier_factor(_seed):
    from sklearn.neighbors import LocalOutlierFactor

    return LocalOutlierFactor(n_neighbors=20, novelty=True, n_jobs=1)


def random_forest(seed):
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(n_estimators=100, random_state=seed, n_jobs=1)


def logistic_regression(_seed):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression()


def gradient_boosting(seed):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(random_state=seed)


def minus_score_samples(model, X):
    return -model.score_samples(X)


def minus_decision_function(model, X):
    return -model.decision_function(X)


def anomaly_probability(model, X):
    return model.predict_proba(X)[:, list(model.classes_).index(1)]


# id -> (supervised, factory(seed), score(model, X) with higher = more anomalous)
ESTIMATORS = {
    "isolation_forest": (False, isolation_forest, minus_score_samples),
    "one_class_svm": (False, one_class_svm, minus_decision_function),
    "local_outlier_factor": (False, local_outlier_factor, minus_score_samples),
    "random_forest": (True, random_forest, anomaly_probability),
    "logistic_regression": (True, logistic_regression, anomaly_probability),
    "gradient_boosting": (True, gradient_boosting, anomaly_probability),
}


def peak_rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux


def load(data_dir):
    with open(f"{data_dir}/meta.json", encoding="utf-8") as f:
        meta = json.load(f)
    rows, cols = meta["rows"], meta["cols"]
    X = np.fromfile(f"{data_dir}/X.f64", dtype="<f8").reshape(rows, cols)
    y = np.fromfile(f"{data_dir}/y.u8", dtype=np.uint8)
    if y.shape[0] != rows:
        fail(f"{data_dir}: {y.shape[0]} labels for {rows} rows")
    return X, y


def indices(path):
    return np.fromfile(path, dtype="<i4")


def tile(X, n):
    return np.ascontiguousarray(np.resize(X, (n, X.shape[1])))  # repeats rows in order, cut to n


class Side:
    def __init__(self, estimator):
        self.supervised, self.factory, self.score = ESTIMATORS[estimator]

    def fit(self, X, y, seed):
        model = self.factory(seed)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if self.supervised:
                model.fit(X, y)
            else:
                model.fit(X)  # unsupervised: labels never seen
        names = sorted({w.category.__name__ for w in caught})
        return model, ({"warnings": ", ".join(names)} if names else {})


def finite_list(values):
    return [float(v) if math.isfinite(v) else None for v in values]


def compare(args, side, X, y):
    started = time.perf_counter()
    longest = 0.0
    for k, seed in enumerate(args.seeds):
        elapsed = time.perf_counter() - started
        if k > 0 and elapsed + longest > args.budget_s:
            emit("stopped", reason=f"time budget: {k} of {len(args.seeds)} seeds done in {elapsed:.0f} s")
            break
        seed_start = time.perf_counter()
        train_idx = indices(f"{args.data}/split-{seed}-train.i32")
        test = np.ascontiguousarray(X[indices(f"{args.data}/split-{seed}-test.i32")])
        train = np.ascontiguousarray(X[train_idx])
        train_y = y[train_idx]
        batch = tile(test, args.batch_rows)
        t0 = time.perf_counter()
        model, notes = side.fit(train, train_y, seed)
        t1 = time.perf_counter()
        scores = side.score(model, test)
        t2 = time.perf_counter()
        side.score(model, batch)
        t3 = time.perf_counter()
        emit(
            "seed",
            seed=seed,
            train_rows=int(train.shape[0]),
            train_ms=(t1 - t0) * 1000.0,
            batch_rows=int(batch.shape[0]),
            batch_ms=(t3 - t2) * 1000.0,
            scores=finite_list(scores),
            notes=notes,
            peak_rss_kb=peak_rss_kb(),
        )
        if k == 0:
            latency(args, side, model, test)
        longest = max(longest, time.perf_counter() - seed_start)


def latency(args, side, model, test):
    """Up to --latency-warmup untimed one-row calls (at most a tenth of the time cap), then up to
    --latency-calls timed calls, each timed on its own, stopping early once they add up to the cap."""
    n = test.shape[0]
    rows = [test[i % n : i % n + 1] for i in range(args.latency_calls + args.latency_warmup)]
    cap_ns = args.latency_max_s * 1e9
    w0 = time.perf_counter_ns()
    for row in rows[: args.latency_warmup]:
        if time.perf_counter_ns() - w0 >= cap_ns / 10:
            break
        side.score(model, row)
    us = []
    total_ns = 0
    for row in rows[args.latency_warmup :]:
        if total_ns >= cap_ns:
            break
        t0 = time.perf_counter_ns()
        side.score(model, row)
        ns = time.perf_counter_ns() - t0
        us.append(ns / 1000.0)
        total_ns += ns
    emit("latency", calls=len(us), median_us=float(np.median(us)), p90_us=float(np.quantile(us, 0.9)))


def train_once(args, side, X, y):
    seed = args.seeds[0] if args.seeds else 0
    t0 = time.perf_counter()
    model, notes = side.fit(X, y, seed)
    t1 = time.perf_counter()
    batch = tile(X, args.batch_rows)
    t2 = time.perf_counter()
    side.score(model, batch)
    t3 = time.perf_counter()
    emit(
        "trained",
        train_rows=int(X.shape[0]),
        train_ms=(t1 - t0) * 1000.0,
        batch_rows=int(batch.shape[0]),
        batch_ms=(t3 - t2) * 1000.0,
        notes=notes,
        peak_rss_kb=peak_rss_kb(),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe", action="store_true", help="print versions as JSON and exit")
    parser.add_argument("--estimator", choices=sorted(ESTIMATORS))
    parser.add_argument("--mode", choices=["compare", "train"], default="compare")
    parser.add_argument("--data")
    parser.add_argument("--seeds", default="0")
    parser.add_argument("--batch-rows", type=int, default=10000)
    parser.add_argument("--latency-calls", type=int, default=2000)
    parser.add_argument("--latency-warmup", type=int, default=200)
    parser.add_argument("--latency-max-s", type=float, default=math.inf)
    parser.add_argument("--budget-s", type=float, default=math.inf)
    parser.add_argument("--warmup-rounds", type=int, default=1)
    parser.add_argument("--warmup-seed", type=int, default=1000)
    args = parser.parse_args()
    args.seeds = [int(s) for s in args.seeds.split(",") if s.strip() != ""]

    if args.probe:
        print(json.dumps({"python": platform.python_version(), "sklearn": sklearn.__version__, "numpy": np.__version__}))
        return
    if not args.estimator or not args.data:
        fail("--estimator and --data are required")

    side = Side(args.estimator)
    side.factory(0)  # import the estimator's module before the baseline is taken
    X, y = load(args.data)
    emit("loaded", rows=int(X.shape[0]), cols=int(X.shape[1]), baseline_rss_kb=peak_rss_kb())
    warm = indices(f"{args.data}/warmup.i32")
    for r in range(args.warmup_rounds):  # untimed, as on the Vigil side
        model, _ = side.fit(X[warm], y[warm], args.warmup_seed + r)
        side.score(model, X[warm])
    if args.mode == "compare":
        compare(args, side, X, y)
    else:
        train_once(args, side, X, y)
    emit("done", peak_rss_kb=peak_rss_kb())


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # report any failure as an event; the parent records it in the cell
        emit("error", message=f"{type(exc).__name__}: {exc}")
        sys.exit(1)
