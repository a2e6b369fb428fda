#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Golden values for EdgeFuse's fusion-quality metrics, from independent implementations.

Writes tests/unit/metrics/golden/metrics_golden.json: for a handful of real
AANLIB pairs (read in place from the shared data folder; no image data is
written) and a few synthetic triples, every metric of core/metrics, computed
here with scikit-image (SSIM, PSNR, NMI, Shannon entropy) and with small
NumPy/SciPy implementations written from the papers and the authors' MATLAB
reference code (fmi.m, FeatureSIM.m/phasecong, vifp_mscale.m, Qabf.m,
objective_fusion_perform_fn.m). They follow the published formulas directly
(e.g. FMI's full 9x9 joint pdf per window, phase congruency's noise constants
from inverse FFTs of the filters), not EdgeFuse's C++ code paths.

The C++ test tests/unit/metrics/MetricsGoldenTest.cpp rebuilds the same
inputs (same file names, same float32 arithmetic) and compares.

Usage:
  /usr/bin/python3 tools/metrics_golden.py [--shared ../shared] [--out FILE]
Needs python3-numpy, python3-scipy and python3-skimage (Debian packages).
"""

import argparse
import json
import math
import os
import sys

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from scipy import fft as sfft
from scipy import signal
from skimage import io
from skimage.measure import shannon_entropy
from skimage.metrics import normalized_mutual_information, peak_signal_noise_ratio, structural_similarity

# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


def minmax_unit(x):
    """Per-image min-max to [0,1] as float32: (x - lo) * (1/(hi - lo)) in double."""
    x64 = np.asarray(x, dtype=np.float32).astype(np.float64)
    lo, hi = float(x64.min()), float(x64.max())
    if not hi > lo:
        return np.zeros(x64.shape, dtype=np.float32)
    return ((x64 - lo) * (1.0 / (hi - lo))).astype(np.float32)


def read_grey(path):
    """An image as float32 grey: RGB -> BT.601 luma in double, a grey image stored as RGB stays grey."""
    img = io.imread(path)
    if img.ndim == 3:
        rgb = img[..., :3].astype(np.float64)
        if np.array_equal(rgb[..., 0], rgb[..., 1]) and np.array_equal(rgb[..., 0], rgb[..., 2]):
            return rgb[..., 0].astype(np.float32), False
        y = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]
        return y.astype(np.float32), True
    return img.astype(np.float32), False


def fuse(a, b, method):
    if method == "average":
        return ((a + b) * np.float32(0.5)).astype(np.float32)
    if method == "maximum":
        return np.maximum(a, b)
    raise ValueError(method)


def level(k):
    """An integer grey level 0..255 as float32 in [0,1]."""
    return (np.asarray(k, dtype=np.float32) / np.float32(255.0)).astype(np.float32)


def synthetic(pattern, size=64):
    """Synthetic triples built from integer formulas (identical in C++)."""
    y, x = np.mgrid[0:size, 0:size].astype(np.int64)
    zone = (x * x + y * y) % 256
    checker = (((x // 8) + (y // 8)) % 2) * 200 + 20
    ramp = (7 * x + 3 * y) % 256
    if pattern == "texture_average":
        a, b = level(ramp), level((x * x + 5 * y) % 256)
        return a, b, fuse(a, b, "average")
    if pattern == "zone_checker_maximum":
        a, b = level(zone), level(checker)
        return a, b, fuse(a, b, "maximum")
    if pattern == "shift_by_two":
        # F is A moved two pixels to the right (the first two columns repeat column 0).
        a, b = level(zone), level(checker)
        f = a.copy()
        f[:, 2:] = a[:, :-2]
        f[:, :2] = a[:, :1]
        return a, b, f
    if pattern == "identical_to_a":
        a, b = level(zone), level(ramp)
        return a, b, a.copy()
    if pattern == "constant_b":
        a = level(zone)
        b = np.full(a.shape, level(128), dtype=np.float32)
        return a, b, fuse(a, b, "average")
    raise ValueError(pattern)


# ---------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------


def q8(x):
    """8-bit image: floor(255 x + 0.5), exact in double."""
    return np.clip(np.floor(255.0 * x.astype(np.float64) + 0.5), 0, 255).astype(np.int64)


def entropy_bits(counts):
    p = counts[counts > 0].astype(np.float64) / counts.sum()
    return float(-(p * np.log2(p)).sum())


def psnr(x, f):
    mse = float(np.mean((x.astype(np.float64) - f.astype(np.float64)) ** 2))
    if mse < 1e-10:
        return 100.0
    return float(peak_signal_noise_ratio(x.astype(np.float64), f.astype(np.float64), data_range=1.0))


def ssim(x, y):
    return float(structural_similarity(x.astype(np.float64), y.astype(np.float64), gaussian_weights=True, sigma=1.5,
                                       use_sample_covariance=False, data_range=1.0))


def gauss2d(n, sigma):
    """MATLAB fspecial('gaussian', n, sigma)."""
    r = (n - 1) / 2.0
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
    h = np.exp(-(xx * xx + yy * yy) / (2.0 * sigma * sigma))
    h[h < np.finfo(float).eps * h.max()] = 0
    return h / h.sum()


def ms_ssim(x, y):
    """msssim.m: 5 scales, 2x2 mean ('symmetric'), cs at scales 1..M-1, full SSIM at M; relu; weights rescaled."""
    weights = np.array([0.0448, 0.2856, 0.3001, 0.2363, 0.1333])
    win = gauss2d(11, 1.5)
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    x, y = x.astype(np.float64), y.astype(np.float64)
    scales = 1
    w, h = x.shape[1], x.shape[0]
    while scales < 5 and min((w + 1) // 2, (h + 1) // 2) >= 11:
        w, h = (w + 1) // 2, (h + 1) // 2
        scales += 1
    wts = weights[:scales] / weights[:scales].sum()
    terms = []
    for s in range(scales):
        if s > 0:
            def down(im):
                p = np.pad(im, ((0, 1), (0, 1)), mode="symmetric")
                m = (p[:-1, :-1] + p[1:, :-1] + p[:-1, 1:] + p[1:, 1:]) / 4.0
                return m[::2, ::2]
            x, y = down(x), down(y)
        mx = signal.convolve2d(x, win, mode="valid")
        my = signal.convolve2d(y, win, mode="valid")
        vx = signal.convolve2d(x * x, win, mode="valid") - mx * mx
        vy = signal.convolve2d(y * y, win, mode="valid") - my * my
        cxy = signal.convolve2d(x * y, win, mode="valid") - mx * my
        cs = (2 * cxy + c2) / (vx + vy + c2)
        lum = (2 * mx * my + c1) / (mx * mx + my * my + c1)
        terms.append(float((lum * cs).mean()) if s == scales - 1 else float(cs.mean()))
    return float(np.prod([max(t, 0.0) ** wt for t, wt in zip(terms, wts)]))


def mutual_information(x, f):
    qx, qf = q8(x).ravel(), q8(f).ravel()
    joint, _, _ = np.histogram2d(qx, qf, bins=256, range=[[0, 256], [0, 256]])
    hx = entropy_bits(np.bincount(qx, minlength=256))
    hf = entropy_bits(np.bincount(qf, minlength=256))
    return hx + hf - entropy_bits(joint.ravel()), hx, hf


def nmi_source(x, f):
    """Hossny's per-source term 2 MI/(H(X)+H(F)) = 2 - 2/NMI_skimage, NMI_skimage = (H(X)+H(F))/H(X,F)."""
    qx, qf = q8(x), q8(f)
    if qx.min() == qx.max() and qf.min() == qf.max():
        return 0.0
    value = normalized_mutual_information(qx.astype(np.float64), qf.astype(np.float64), bins=256)
    return float(2.0 - 2.0 / value)


def fmi_feature(img, feature):
    img = img.astype(np.float64)
    if feature == "pixel":
        return img
    if feature == "gradient":
        gy, gx = np.gradient(img)
        return np.sqrt(gx * gx + gy * gy)
    if feature == "dct":
        return sfft.dctn(img, norm="ortho")
    raise ValueError(feature)


def fmi_source(source, fused, feature):
    """fmi.m (window 3) for one source, vectorised over windows; full 9x9 joint pdf per window."""
    a = sliding_window_view(fmi_feature(source, feature), (3, 3))
    f = sliding_window_view(fmi_feature(fused, feature), (3, 3))
    # MATLAB's (:) is column-major.
    a = a.swapaxes(-1, -2).reshape(-1, 9)
    f = f.swapaxes(-1, -2).reshape(-1, 9)
    same = np.all(a == f, axis=1)

    def pdf_of(w):
        lo, hi = w.min(axis=1, keepdims=True), w.max(axis=1, keepdims=True)
        flat = (hi == lo)
        sub = np.where(flat, 1.0, (w - lo) / np.where(flat, 1.0, hi - lo))
        return sub / sub.sum(axis=1, keepdims=True)

    ap, fp = pdf_of(a), pdf_of(f)
    ac, fc = np.cumsum(ap, axis=1), np.cumsum(fp, axis=1)
    at = ap - ap.mean(axis=1, keepdims=True)
    ft = fp - fp.mean(axis=1, keepdims=True)
    s = (at * ft).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(s == 0, 0.0, s / np.sqrt((at * at).sum(axis=1) * (ft * ft).sum(axis=1)))
    idx = np.arange(1, 10, dtype=np.float64)
    a_sd = np.sqrt(np.maximum((idx ** 2 * ap).sum(axis=1) - (idx * ap).sum(axis=1) ** 2, 0.0))
    f_sd = np.sqrt(np.maximum((idx ** 2 * fp).sum(axis=1) - (idx * fp).sum(axis=1) ** 2, 0.0))

    upper = lambda x, y: 0.5 * (x + y - np.abs(x - y))            # Frechet upper bound min(x, y)
    lower = lambda x, y: 0.5 * (x + y - 1 + np.abs(x + y - 1))    # Frechet lower bound max(x+y-1, 0)
    cov_up = np.zeros(len(a))
    cov_lo = np.zeros(len(a))
    for i in range(9):
        for j in range(9):
            cov_up += upper(fc[:, i], ac[:, j]) - fc[:, i] * ac[:, j]
            cov_lo += lower(fc[:, i], ac[:, j]) - fc[:, i] * ac[:, j]
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where((c == 0) | (a_sd == 0) | (f_sd == 0), 0.0, c / (cov_up / (f_sd * a_sd)))
        theta = np.where((a_sd == 0) | (f_sd == 0), 0.0, c / (cov_lo / (f_sd * a_sd)))
    weight = np.where(c >= 0, phi, theta)
    zero = np.zeros((len(a), 1))
    fc0 = np.hstack([zero, fc])
    ac0 = np.hstack([zero, ac])
    joint = np.zeros(len(a))
    for i in range(1, 10):
        for j in range(1, 10):
            up = upper(fc0[:, i], ac0[:, j]) - upper(fc0[:, i - 1], ac0[:, j]) - upper(fc0[:, i], ac0[:, j - 1]) + \
                upper(fc0[:, i - 1], ac0[:, j - 1])
            lo = lower(fc0[:, i], ac0[:, j]) - lower(fc0[:, i - 1], ac0[:, j]) - lower(fc0[:, i], ac0[:, j - 1]) + \
                lower(fc0[:, i - 1], ac0[:, j - 1])
            bound = np.where(c >= 0, up, lo)
            jp = weight * bound + (1 - weight) * fp[:, i - 1] * ap[:, j - 1]
            # fmi.m adds real(-jpdf*log2(jpdf)) for jpdf ~= 0: -jpdf*log2|jpdf| also for negative cells.
            nz = jp != 0
            joint[nz] += -jp[nz] * np.log2(np.abs(jp[nz]))

    def ent(p):
        out = np.zeros(len(p))
        for k in range(9):
            nz = p[:, k] > 0
            out[nz] -= p[nz, k] * np.log2(p[nz, k])
        return out

    ha, hf = ent(ap), ent(fp)
    mi = ha + hf - joint
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(mi == 0, 0.0, 2 * mi / (ha + hf))
    value = np.where(same, 1.0, value)
    return float(value.mean())


def lowpassfilter(rows, cols, cutoff, n):
    xr = (np.arange(-(cols - 1) / 2, (cols - 1) / 2 + 1) / (cols - 1)) if cols % 2 else (np.arange(-cols / 2, cols / 2) / cols)
    yr = (np.arange(-(rows - 1) / 2, (rows - 1) / 2 + 1) / (rows - 1)) if rows % 2 else (np.arange(-rows / 2, rows / 2) / rows)
    x, y = np.meshgrid(xr, yr)
    radius = np.sqrt(x ** 2 + y ** 2)
    return np.fft.ifftshift(1.0 / (1.0 + (radius / cutoff) ** (2 * n)))


def phasecong(im, nscale=4, norient=6, min_wave_length=6, mult=2, sigma_onf=0.55, d_theta_on_sigma=1.2, k=2.0,
              epsilon=1e-4):
    """Kovesi's phase congruency as FeatureSIM.m's phasecong (PC_2 with noise compensation)."""
    rows, cols = im.shape
    if im.min() == im.max():
        return np.zeros_like(im)
    theta_sigma = math.pi / norient / d_theta_on_sigma
    imagefft = np.fft.fft2(im)
    xr = (np.arange(-(cols - 1) / 2, (cols - 1) / 2 + 1) / (cols - 1)) if cols % 2 else (np.arange(-cols / 2, cols / 2) / cols)
    yr = (np.arange(-(rows - 1) / 2, (rows - 1) / 2 + 1) / (rows - 1)) if rows % 2 else (np.arange(-rows / 2, rows / 2) / rows)
    x, y = np.meshgrid(xr, yr)
    radius = np.fft.ifftshift(np.sqrt(x ** 2 + y ** 2))
    theta = np.fft.ifftshift(np.arctan2(-y, x))
    radius[0, 0] = 1
    sintheta, costheta = np.sin(theta), np.cos(theta)
    lp = lowpassfilter(rows, cols, 0.45, 15)
    log_gabor = []
    for s in range(nscale):
        fo = 1.0 / (min_wave_length * mult ** s)
        lg = np.exp(-(np.log(radius / fo)) ** 2 / (2 * math.log(sigma_onf) ** 2)) * lp
        lg[0, 0] = 0
        log_gabor.append(lg)
    energy_all = np.zeros((rows, cols))
    an_all = np.zeros((rows, cols))
    for o in range(norient):
        angl = o * math.pi / norient
        ds = sintheta * math.cos(angl) - costheta * math.sin(angl)
        dc = costheta * math.cos(angl) + sintheta * math.sin(angl)
        dtheta = np.abs(np.arctan2(ds, dc))
        spread = np.exp(-dtheta ** 2 / (2 * theta_sigma ** 2))
        sum_e = np.zeros((rows, cols))
        sum_o = np.zeros((rows, cols))
        sum_an = np.zeros((rows, cols))
        eo = []
        ifft_filters = []
        em_n = 0.0
        for s in range(nscale):
            filt = log_gabor[s] * spread
            ifft_filters.append(np.real(np.fft.ifft2(filt)) * math.sqrt(rows * cols))
            r = np.fft.ifft2(imagefft * filt)
            eo.append(r)
            sum_an += np.abs(r)
            sum_e += r.real
            sum_o += r.imag
            if s == 0:
                em_n = float((filt ** 2).sum())
        x_energy = np.sqrt(sum_e ** 2 + sum_o ** 2) + epsilon
        mean_e, mean_o = sum_e / x_energy, sum_o / x_energy
        energy = np.zeros((rows, cols))
        for r in eo:
            e, od = r.real, r.imag
            energy += e * mean_e + od * mean_o - np.abs(e * mean_o - od * mean_e)
        median_e2n = float(np.median(np.abs(eo[0]) ** 2))
        mean_e2n = -median_e2n / math.log(0.5)
        noise_power = mean_e2n / em_n
        est_sum_an2 = sum(f ** 2 for f in ifft_filters)
        est_sum_aiaj = np.zeros((rows, cols))
        for si in range(nscale - 1):
            for sj in range(si + 1, nscale):
                est_sum_aiaj += ifft_filters[si] * ifft_filters[sj]
        est_noise_energy2 = 2 * noise_power * est_sum_an2.sum() + 4 * noise_power * est_sum_aiaj.sum()
        tau = math.sqrt(est_noise_energy2 / 2)
        est_noise_energy = tau * math.sqrt(math.pi / 2)
        est_noise_energy_sigma = math.sqrt((2 - math.pi / 2) * tau ** 2)
        t = (est_noise_energy + k * est_noise_energy_sigma) / 1.7
        energy_all += np.maximum(energy - t, 0)
        an_all += sum_an
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(an_all > 0, energy_all / an_all, 0.0)


def fsim(x, y):
    """FeatureSIM.m on 255*x without downsampling, phase congruency with 6 orientations."""
    y1, y2 = 255.0 * x.astype(np.float64), 255.0 * y.astype(np.float64)
    pc1, pc2 = phasecong(y1), phasecong(y2)
    dx = np.array([[3, 0, -3], [10, 0, -10], [3, 0, -3]]) / 16.0
    dy = np.array([[3, 10, 3], [0, 0, 0], [-3, -10, -3]]) / 16.0
    g1 = np.sqrt(signal.convolve2d(y1, dx, mode="same") ** 2 + signal.convolve2d(y1, dy, mode="same") ** 2)
    g2 = np.sqrt(signal.convolve2d(y2, dx, mode="same") ** 2 + signal.convolve2d(y2, dy, mode="same") ** 2)
    t1, t2 = 0.85, 160.0
    s_pc = (2 * pc1 * pc2 + t1) / (pc1 ** 2 + pc2 ** 2 + t1)
    s_g = (2 * g1 * g2 + t2) / (g1 ** 2 + g2 ** 2 + t2)
    pcm = np.maximum(pc1, pc2)
    if pcm.sum() == 0:
        return float((s_pc * s_g).mean())
    return float((s_g * s_pc * pcm).sum() / pcm.sum())


def vifp_mscale(ref, dist):
    ref, dist = 255.0 * ref.astype(np.float64), 255.0 * dist.astype(np.float64)
    sigma_nsq = 2.0
    num = den = 0.0
    for scale in range(1, 5):
        n = 2 ** (4 - scale + 1) + 1
        win = gauss2d(n, n / 5.0)
        if scale > 1:
            ref = signal.convolve2d(ref, win, mode="valid")[::2, ::2]
            dist = signal.convolve2d(dist, win, mode="valid")[::2, ::2]
        mu1 = signal.convolve2d(ref, win, mode="valid")
        mu2 = signal.convolve2d(dist, win, mode="valid")
        s1 = signal.convolve2d(ref * ref, win, mode="valid") - mu1 * mu1
        s2 = signal.convolve2d(dist * dist, win, mode="valid") - mu2 * mu2
        s12 = signal.convolve2d(ref * dist, win, mode="valid") - mu1 * mu2
        s1[s1 < 0] = 0
        s2[s2 < 0] = 0
        g = s12 / (s1 + 1e-10)
        sv = s2 - g * s12
        g[s1 < 1e-10] = 0
        sv[s1 < 1e-10] = s2[s1 < 1e-10]
        s1[s1 < 1e-10] = 0
        g[s2 < 1e-10] = 0
        sv[s2 < 1e-10] = 0
        sv[g < 0] = s2[g < 0]
        g[g < 0] = 0
        sv[sv <= 1e-10] = 1e-10
        num += float(np.sum(np.log10(1 + g ** 2 * s1 / (sv + sigma_nsq))))
        den += float(np.sum(np.log10(1 + s1 / sigma_nsq)))
    return num / den if den > 0 else 0.0


def qabf(a, b, f):
    """Xydeas-Petrovic with Qabf.m's Sobel/zero padding; orientation difference taken modulo pi."""
    h1 = np.array([[1, 2, 1], [0, 0, 0], [-1, -2, -1]], dtype=np.float64)
    h3 = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float64)
    tg, kg, dg, ta, ka, da = 0.9994, -15.0, 0.5, 0.9879, -22.0, 0.8

    def edges(img):
        img = img.astype(np.float64)
        sx = signal.convolve2d(img, h3, mode="same")
        sy = signal.convolve2d(img, h1, mode="same")
        g = np.sqrt(sx ** 2 + sy ** 2)
        with np.errstate(divide="ignore", invalid="ignore"):
            alpha = np.where(sx == 0, math.pi / 2, np.arctan(sy / np.where(sx == 0, 1, sx)))
        return g, alpha

    (ga, aa), (gb, ab), (gf, af) = edges(a), edges(b), edges(f)

    def q(gx, ax):
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.where(gx == gf, 1.0, np.minimum(gx, gf) / np.maximum(gx, gf))
        orient = np.abs(np.abs(ax - af) - math.pi / 2) * 2 / math.pi
        return tg / (1 + np.exp(kg * (rel - dg))) * ta / (1 + np.exp(ka * (orient - da)))

    qa, qb = q(ga, aa), q(gb, ab)
    sa, sb = ga.sum(), gb.sum()
    return {"a": float((qa * ga).sum() / sa) if sa > 0 else 0.0,
            "b": float((qb * gb).sum() / sb) if sb > 0 else 0.0,
            "combined": float(((qa * ga).sum() + (qb * gb).sum()) / (sa + sb)) if sa + sb > 0 else 0.0}


def nabf(a, b, f):
    """Shreyamsha Kumar's modified NABF (objective_fusion_perform_fn.m) on 255*x."""
    vtemp = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]) / 8.0
    htemp = np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]) / 8.0

    def sobel(img):
        ext = np.pad(255.0 * img.astype(np.float64), 1, mode="reflect")
        gv = signal.correlate2d(ext, vtemp, mode="valid")
        gh = signal.correlate2d(ext, htemp, mode="valid")
        return gv, gh

    (gva, gha), (gvb, ghb), (gvf, ghf) = sobel(a), sobel(b), sobel(f)
    ga, gb, gf = np.hypot(gva, gha), np.hypot(gvb, ghb), np.hypot(gvf, ghf)

    def angle(gv, gh):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where((gv == 0) & (gh == 0), 0.0, np.arctan(gv / gh))

    aa, ab, af = angle(gva, gha), angle(gvb, ghb), angle(gvf, ghf)

    def q(gx, ax):
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.where((gx == 0) | (gf == 0), 0.0, np.where(gx > gf, gf / gx, gx / gf))
        orient = np.abs(np.abs(ax - af) - math.pi / 2) * 2 / math.pi
        qg = 0.9999 / (1 + np.exp(-19 * (rel - 0.5)))
        qa = 0.9995 / (1 + np.exp(-22 * (orient - 0.5)))
        return np.sqrt(qg * qa)

    qaf, qbf = q(ga, aa), q(gb, ab)
    wa = np.where(ga >= 2, ga ** 1.5, 0.001)
    wb = np.where(gb >= 2, gb ** 1.5, 0.001)
    na = ((gf > ga) & (gf > gb)).astype(np.float64)
    return {"a": float((na * (1 - qaf) * wa).sum() / wa.sum()),
            "b": float((na * (1 - qbf) * wb).sum() / wb.sum()),
            "combined": float((na * ((1 - qaf) * wa + (1 - qbf) * wb)).sum() / (wa + wb).sum())}


def corr(x, y):
    x, y = x.astype(np.float64).ravel(), y.astype(np.float64).ravel()
    if x.min() == x.max() or y.min() == y.max():
        return 0.0
    return float(np.corrcoef(x, y)[0, 1])


def spatial_frequency(f):
    f = f.astype(np.float64)
    m, n = f.shape
    rf = ((f[:, 1:] - f[:, :-1]) ** 2).sum() / (m * n)
    cf = ((f[1:, :] - f[:-1, :]) ** 2).sum() / (m * n)
    return float(math.sqrt(rf + cf))


def average_gradient(f):
    f = f.astype(np.float64)
    dx = f[:-1, 1:] - f[:-1, :-1]
    dy = f[1:, :-1] - f[:-1, :-1]
    return float(np.sqrt((dx ** 2 + dy ** 2) / 2).sum() / ((f.shape[0] - 1) * (f.shape[1] - 1)))


def all_metrics(a, b, f):
    per = {"a": {}, "b": {}}
    values = {}

    def put(key, va, vb, combined):
        per["a"][key], per["b"][key], values[key] = va, vb, combined

    pa, pb = psnr(a, f), psnr(b, f)
    put("psnr", pa, pb, (pa + pb) / 2)
    sa, sb = ssim(a, f), ssim(b, f)
    put("ssim", sa, sb, (sa + sb) / 2)
    ma, mb = ms_ssim(a, f), ms_ssim(b, f)
    put("ms_ssim", ma, mb, (ma + mb) / 2)
    (mia, _, hf), (mib, _, _) = mutual_information(a, f), mutual_information(b, f)
    put("mi", mia, mib, (mia + mib) / 2)
    na, nb = nmi_source(a, f), nmi_source(b, f)
    put("nmi", na, nb, na + nb)
    for key, feature in (("fmi", "pixel"), ("fmi_gradient", "gradient"), ("fmi_dct", "dct")):
        fa, fb = fmi_source(a, f, feature), fmi_source(b, f, feature)
        put(key, fa, fb, (fa + fb) / 2)
    fsa, fsb = fsim(a, f), fsim(b, f)
    put("fsim", fsa, fsb, (fsa + fsb) / 2)
    ca, cb = corr(a, f), corr(b, f)
    put("cc", ca, cb, (ca + cb) / 2)
    da, db = corr(f.astype(np.float64) - b, a), corr(f.astype(np.float64) - a, b)
    put("scd", da, db, da + db)
    va, vb = vifp_mscale(a, f), vifp_mscale(b, f)
    put("vif", va, vb, (va + vb) / 2)
    values["vif_sum"] = va + vb
    q = qabf(a, b, f)
    put("qabf", q["a"], q["b"], q["combined"])
    nv = nabf(a, b, f)
    put("nabf", nv["a"], nv["b"], nv["combined"])
    values["en"] = hf
    values["en_distinct"] = float(shannon_entropy(f, base=2))
    values["sd"] = float(np.std(f.astype(np.float64)))
    values["sf"] = spatial_frequency(f)
    values["ag"] = average_gradient(f)
    return {"metrics": values, "per_source": per}


# ---------------------------------------------------------------------------

AANLIB_CASES = [
    ("CT-MRI/MRI/2004.png", "CT-MRI/CT/2004.png", "average"),
    ("CT-MRI/MRI/2010.png", "CT-MRI/CT/2010.png", "maximum"),
    ("CT-MRI/MRI/2020.png", "CT-MRI/CT/2020.png", "average"),
    ("SPECT-MRI/MRI/3010.png", "SPECT-MRI/SPECT/3010.png", "average"),
    ("SPECT-MRI/MRI/3020.png", "SPECT-MRI/SPECT/3020.png", "maximum"),
]
SYNTHETIC_CASES = ["texture_average", "zone_checker_maximum", "shift_by_two", "identical_to_a", "constant_b"]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=os.environ.get("EDGEFUSE_SHARED_DIR", os.path.join(here, "..", "..", "shared")),
                        help="the shared research folder (default: ../shared beside the checkout)")
    parser.add_argument("--out", default=os.path.join(here, "..", "tests", "unit", "metrics", "golden",
                                                      "metrics_golden.json"))
    args = parser.parse_args()
    aanlib = os.path.join(args.shared, "data", "aanlib")
    if not os.path.isdir(aanlib):
        sys.exit("metrics_golden.py: %s not found (pass --shared)" % aanlib)
    cases = []
    for path_a, path_b, method in AANLIB_CASES:
        ga, _ = read_grey(os.path.join(aanlib, path_a))
        gb, colour = read_grey(os.path.join(aanlib, path_b))
        a, b = minmax_unit(ga), minmax_unit(gb)
        f = fuse(a, b, method)
        case = {"name": "%s+%s %s" % (path_a, path_b, method), "kind": "aanlib", "a": path_a, "b": path_b,
                "fusion": method, "b_colour_to_y": colour}
        case.update(all_metrics(a, b, f))
        cases.append(case)
        print("done", case["name"], file=sys.stderr)
    for pattern in SYNTHETIC_CASES:
        a, b, f = synthetic(pattern)
        case = {"name": pattern, "kind": "synthetic", "pattern": pattern, "size": 64}
        case.update(all_metrics(a, b, f))
        cases.append(case)
        print("done", pattern, file=sys.stderr)
    doc = {
        "generator": "tools/metrics_golden.py",
        "inputs": "AANLIB paths are relative to <shared>/data/aanlib; A and B are min-max normalised to float32 "
                  "[0,1] ((x-lo)*(1/(hi-lo)) in double), a colour B is first reduced to BT.601 luma in double; "
                  "F is (A+B)*0.5 or max(A,B) in float32. Synthetic patterns are defined in the script and the test.",
        "libraries": {"numpy": np.__version__, "scipy": __import__("scipy").__version__,
                      "skimage": __import__("skimage").__version__},
        "cases": cases,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as out:
        json.dump(doc, out, indent=1, sort_keys=False)
        out.write("\n")
    print("wrote", args.out, file=sys.stderr)


if __name__ == "__main__":
    main()
