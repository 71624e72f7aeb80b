#!/usr/bin/env python3
"""Convert the spam data frame of Debian's r-cran-kernlab (UCI Spambase) to LIBSVM format, run once.

Usage (Debian bookworm; r-base-core and r-cran-kernlab installed, or r-cran-kernlab unpacked with dpkg-deb -x):
  Rscript -e 'load("/usr/lib/R/site-library/kernlab/data/spam.rda"); write.csv(spam, "spam.csv", row.names = FALSE)'
  convert_spam.py spam.csv spam_scale
Labels: "spam" -> +1, "nonspam" -> -1. Each of the 57 features (nonnegative frequencies and run lengths, minimum 0)
is divided by its maximum, i.e. scaled linearly to [0, 1] as LIBSVM's `svm-scale -l 0` does (zeros stay zeros, so the
file stays sparse); zero entries are omitted; values printed with 6 significant digits.
"""
import csv
import sys

rows = list(csv.reader(open(sys.argv[1])))
header, body = rows[0], rows[1:]
d = len(header) - 1
assert header[d] == "type" and d == 57, header
data = [[float(v) for v in r[:d]] for r in body]
labels = [r[d] for r in body]
assert set(labels) == {"spam", "nonspam"}
lo = [min(r[j] for r in data) for j in range(d)]
assert min(lo) == 0.0
hi = [max(r[j] for r in data) for j in range(d)]
with open(sys.argv[2], "w") as out:
    for r, lab in zip(data, labels):
        feats = []
        for j in range(d):
            v = (r[j] - lo[j]) / (hi[j] - lo[j]) if hi[j] > lo[j] else 0.0
            if v != 0.0:
                feats.append("%d:%.6g" % (j + 1, v))
        out.write("%s %s\n" % ("+1" if lab == "spam" else "-1", " ".join(feats)))
print("wrote", sys.argv[2], len(data), "samples,", d, "features")
