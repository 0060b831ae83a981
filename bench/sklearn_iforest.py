#!/usr/bin/env python3
"""scikit-learn side of the isolation-forest comparison in `npm run bench` (bench/run.ts).

Usage:
  sklearn_iforest.py --probe
  sklearn_iforest.py --csv PATH --seeds 0,1,2,3,4 --warmup-seed 1000 \
      --params '{"n_estimators": 100, "max_samples": "auto"}'

Reads the CSV itself (header row, numeric features, last column `is_anomaly`,
which is dropped: the model never sees labels). One untimed warm-up fit + score,
then per seed: IsolationForest(random_state=seed, n_jobs=1, **params) fitted on
all rows and scoring all rows, each step timed with time.perf_counter().
Score = -score_samples(X), so higher = more anomalous, as in Vigil.

Prints exactly one JSON object on stdout; on failure {"error": "..."} and exit code 2.
"""
import argparse
import json
import platform
import sys
import time


def fail(message):
    print(json.dumps({"error": message}))
    sys.exit(2)


try:
    import numpy as np
    import sklearn
    from sklearn.ensemble import IsolationForest
except ImportError as exc:  # pragma: no cover - depends on the machine
    fail(f"scikit-learn is not importable ({exc}); install it with: sudo apt-get install -y python3-sklearn")


def versions():
    return {"python": platform.python_version(), "sklearn": sklearn.__version__, "numpy": np.__version__}


def load_features(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    if len(header) < 2 or header[-1] != "is_anomaly":
        fail(f"{path}: expected a header whose last column is is_anomaly")
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    return np.ascontiguousarray(data[:, :-1])


def fit_and_score(X, seed, params):
    model = IsolationForest(random_state=seed, n_jobs=1, **params)
    t0 = time.perf_counter()
    model.fit(X)
    t1 = time.perf_counter()
    scores = -model.score_samples(X)
    t2 = time.perf_counter()
    return (t1 - t0) * 1000.0, (t2 - t1) * 1000.0, scores


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe", action="store_true", help="print versions and exit")
    parser.add_argument("--csv")
    parser.add_argument("--seeds", default="0,1,2,3,4")
    parser.add_argument("--warmup-seed", type=int, default=1000)
    parser.add_argument("--params", default="{}", help="IsolationForest keyword arguments as JSON")
    args = parser.parse_args()

    if args.probe:
        print(json.dumps(versions()))
        return
    if not args.csv:
        fail("--csv is required")

    params = json.loads(args.params)
    seeds = [int(s) for s in args.seeds.split(",") if s.strip() != ""]
    X = load_features(args.csv)

    fit_and_score(X, args.warmup_seed, params)
    runs = []
    for seed in seeds:
        train_ms, score_ms, scores = fit_and_score(X, seed, params)
        runs.append({"seed": seed, "train_ms": train_ms, "score_ms": score_ms, "scores": scores.tolist()})

    print(json.dumps({"versions": versions(), "rows": int(X.shape[0]), "cols": int(X.shape[1]), "runs": runs}))


if __name__ == "__main__":
    main()
