#!/usr/bin/env python3
"""Convert scikit-learn's breast_cancer.csv (Debian python3-sklearn) to LIBSVM format, run once.

Usage: convert_breast_cancer.py /usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv breast_cancer_scale
Labels: 0 (malignant) -> -1, 1 (benign) -> +1. Each of the 30 features is scaled linearly to [-1, 1] (as LIBSVM's
svm-scale does for the *_scale files); zero entries are omitted.
"""
import csv
import sys

rows = list(csv.reader(open(sys.argv[1])))
n, d = int(rows[0][0]), int(rows[0][1])
data = [[float(v) for v in r[:d]] for r in rows[1:1 + n]]
labels = [int(r[d]) for r in rows[1:1 + n]]
lo = [min(r[j] for r in data) for j in range(d)]
hi = [max(r[j] for r in data) for j in range(d)]
with open(sys.argv[2], "w") as out:
    for r, lab in zip(data, labels):
        feats = []
        for j in range(d):
            v = -1.0 + 2.0 * (r[j] - lo[j]) / (hi[j] - lo[j]) if hi[j] > lo[j] else 0.0
            if v != 0.0:
                feats.append("%d:%.6g" % (j + 1, v))
        out.write("%s %s\n" % ("+1" if lab == 1 else "-1", " ".join(feats)))
print("wrote", sys.argv[2], n, "samples,", d, "features")
