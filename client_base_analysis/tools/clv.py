"""Predicted client value: the BG/NBD and Gamma-Gamma models, without Odoo.

BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way: An
Alternative to the Pareto/NBD Model") says how many purchases a client will
make and how likely the client still buys at all; Gamma-Gamma (Fader, Hardie &
Lee 2005, "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis")
what a purchase of the client will be worth.

A client is described by three numbers in one time unit chosen by the caller:

- ``frequency`` (x): repeat purchases, the distinct purchase days less one;
- ``recency`` (t_x): time from the first purchase to the last one;
- ``age`` (T): time from the first purchase to the end of the calibration period;

and, for Gamma-Gamma, ``monetary``: the average value of the repeat purchases.

Every function takes and returns numpy arrays (or scalars) and works on all the
clients at once. Fits are maximum likelihood in log-space, with analytical
gradients, over the distinct client histories (with their counts as weights):
a whole base is fitted in a fraction of a second.
"""

import numpy as np
from scipy import optimize, special

# a client base smaller than this, or with fewer repeat buyers, says nothing
# a model can trust
MIN_CLIENTS = 20
MIN_REPEAT_BUYERS = 5
# log-parameters are kept in a box (e^±12, alpha and v in the data's scale):
# its edge stands for the limits where clients are alike
LOG_BOUND = 12.0
# a + b beyond this: the chance of leaving after a purchase is the same for
# every client (the Beta distribution is one value), where the Gauss
# hypergeometric series of the expected purchases no longer converges in
# floating point
ALIKE_DROPOUT = 1e4
# the largest gradient (of the mean log-likelihood) accepted at a maximum
GRADIENT_TOLERANCE = 1e-5


class FitError(ValueError):
    """The data cannot support the model: too few clients or repeat buyers, or
    the likelihood has no maximum inside reasonable parameters."""


def _as_arrays(*values):
    return [np.asarray(value, dtype=float) for value in values]


def _compress(*columns):
    """The distinct rows of ``columns`` and how often each occurs."""
    stacked = np.column_stack(columns)
    rows, counts = np.unique(stacked, axis=0, return_counts=True)
    return [rows[:, i] for i in range(rows.shape[1])], counts.astype(float)


def _maximise(negative_log_likelihood, start, names):
    """Minimises ``negative_log_likelihood(log_params) -> (value, gradient)``
    within the box; raises FitError when it fails or ends on the box."""
    result = optimize.minimize(
        negative_log_likelihood,
        start,
        jac=True,
        # SLSQP: a few parameters, where L-BFGS-B's bookkeeping costs more
        # than the likelihood of thousands of clients
        method="SLSQP",
        bounds=[(-LOG_BOUND, LOG_BOUND)] * len(start),
        options={"maxiter": 1000, "ftol": 1e-14},
    )
    if not np.all(np.isfinite(result.x)) or not np.isfinite(result.fun):
        raise FitError("the likelihood is not finite")
    # a line search that cannot improve on a flat gradient has converged as
    # far as floating point goes
    if not result.success and np.max(np.abs(result.jac)) > GRADIENT_TOLERANCE:
        raise FitError(f"no convergence: {result.message}")
    # a parameter on the box's edge is a limit of the model, where a mixing
    # distribution has become one value (all clients alike in how often they
    # buy, leave or spend): its predictions still hold, and say so
    result.bounded = tuple(
        name
        for name, value in zip(names, result.x, strict=True)
        if abs(value) >= LOG_BOUND - 1e-6
    )
    return result


# -- BG/NBD ------------------------------------------------------------------


def _bgnbd_terms(r, alpha, a, b, x, t_x, age):
    """Per client: the log-likelihood and the weight of its "dropped out after
    the last purchase" branch (0 for clients without repeat purchase)."""
    repeat = x > 0
    head = (
        special.gammaln(r + x)
        - special.gammaln(r)
        + r * np.log(alpha)
        + special.gammaln(a + b)
        + special.gammaln(b + x)
        - special.gammaln(b)
        - special.gammaln(a + b + x)
    )
    alive = -(r + x) * np.log(alpha + age)
    dropped = np.full_like(alive, -np.inf)
    dropped[repeat] = (
        np.log(a)
        - np.log(b + x[repeat] - 1)
        - (r + x[repeat]) * np.log(alpha + t_x[repeat])
    )
    both = np.logaddexp(alive, dropped)
    return head + both, np.exp(dropped - both)


def bgnbd_log_likelihood(params, frequency, recency, age):
    """Log-likelihood of the clients under BG/NBD ``params``."""
    x, t_x, age = _as_arrays(frequency, recency, age)
    terms, _weight = _bgnbd_terms(
        params["r"], params["alpha"], params["a"], params["b"], x, t_x, age
    )
    return float(terms.sum())


def fit_bgnbd(frequency, recency, age):
    """Maximum likelihood BG/NBD parameters of the clients.

    Returns ``{"r", "alpha", "a", "b", "log_likelihood", "clients",
    "iterations"}``; ``alpha`` is in the unit of ``recency`` and ``age``.
    Raises FitError when the data cannot support the model.
    """
    x, t_x, age = _as_arrays(frequency, recency, age)
    if not (x.shape == t_x.shape == age.shape):
        raise ValueError("frequency, recency and age must have the same length")
    if x.size and (
        np.any(x < 0) or np.any(t_x < 0) or np.any(t_x > age) or np.any(x % 1)
    ):
        raise ValueError(
            "frequency must be a whole number, and 0 <= recency <= age, for each client"
        )
    if x.size < MIN_CLIENTS or np.count_nonzero(x) < MIN_REPEAT_BUYERS:
        raise FitError("not enough clients or repeat buyers")
    (x, t_x, age), weights = _compress(x, t_x, age)
    total = weights.sum()
    # alpha is searched in the data's own scale, whatever the time unit
    scale = max(float(np.average(age, weights=weights)), 1e-9)
    # the terms of the frequency alone are summed over its distinct values;
    # clients without repeat purchase have one branch only
    counts, by_count = np.unique(x, return_inverse=True)
    count_weights = np.bincount(by_count, weights=weights)
    once = x == 0
    age_once, weights_once = age[once], weights[once]
    x_rep, t_rep, age_rep, weights_rep = (
        x[~once],
        t_x[~once],
        age[~once],
        weights[~once],
    )

    def negative(log_params):
        r, alpha_scaled, a, b = np.exp(log_params)
        alpha = alpha_scaled * scale
        head = count_weights @ (
            special.gammaln(r + counts)
            + special.gammaln(b + counts)
            - special.gammaln(a + b + counts)
        ) + total * (
            r * np.log(alpha)
            - special.gammaln(r)
            + special.gammaln(a + b)
            - special.gammaln(b)
        )
        log_age_once = np.log(alpha + age_once)
        log_age = np.log(alpha + age_rep)
        log_last = np.log(alpha + t_rep)
        alive = -(r + x_rep) * log_age
        dropped = np.log(a) - np.log(b + x_rep - 1) - (r + x_rep) * log_last
        both = np.logaddexp(alive, dropped)
        share = np.exp(dropped - both)  # of the dropped-out branch
        log_likelihood = head - r * (weights_once @ log_age_once) + weights_rep @ both
        psi_ab = special.digamma(a + b)
        psi_ab_x = count_weights @ special.digamma(a + b + counts)
        d_r = (
            count_weights @ special.digamma(r + counts)
            + total * (np.log(alpha) - special.digamma(r))
            - weights_once @ log_age_once
            - weights_rep @ ((1 - share) * log_age + share * log_last)
        )
        d_alpha = (
            total * r / alpha
            - r * (weights_once @ (1 / (alpha + age_once)))
            - weights_rep
            @ (
                (r + x_rep)
                * ((1 - share) / (alpha + age_rep) + share / (alpha + t_rep))
            )
        )
        d_a = total * psi_ab - psi_ab_x + (weights_rep @ share) / a
        d_b = (
            total * (psi_ab - special.digamma(b))
            + count_weights @ special.digamma(b + counts)
            - psi_ab_x
            - weights_rep @ (share / (b + x_rep - 1))
        )
        gradient = np.array([r * d_r, alpha * d_alpha, a * d_a, b * d_b])
        return -log_likelihood / total, -gradient / total

    result = _maximise(negative, np.zeros(4), ("r", "alpha", "a", "b"))
    r, alpha_scaled, a, b = np.exp(result.x)
    return {
        "r": float(r),
        "alpha": float(alpha_scaled * scale),
        "a": float(a),
        "b": float(b),
        "log_likelihood": float(-result.fun * total),
        "clients": int(total),
        "iterations": int(result.nit),
        "bounded": result.bounded,
    }


def _dropout_log_ratio(params, x, t_x, age):
    """log of P(dropped out after the last purchase) / P(alive), given the
    history; -inf for clients without repeat purchase (they cannot have
    dropped out after one)."""
    r, alpha, a, b = params["r"], params["alpha"], params["a"], params["b"]
    ratio = np.full(np.broadcast(x, t_x, age).shape, -np.inf)
    repeat = np.broadcast_to(x > 0, ratio.shape)
    x, t_x, age = (np.broadcast_to(v, ratio.shape)[repeat] for v in (x, t_x, age))
    ratio[repeat] = (
        np.log(a)
        - np.log(b + x - 1)
        + (r + x) * (np.log(alpha + age) - np.log(alpha + t_x))
    )
    return ratio


def p_alive(params, frequency, recency, age):
    """Probability that each client still buys, given its history."""
    x, t_x, age = _as_arrays(frequency, recency, age)
    return special.expit(-_dropout_log_ratio(params, x, t_x, age))


def expected_purchases(params, t, frequency=None, recency=None, age=None):
    """Expected purchases in the next ``t`` time units of each client, given its
    history; without a history, of a new client in its first ``t`` units."""
    r, alpha, a, b = params["r"], params["alpha"], params["a"], params["b"]
    if frequency is None:
        # a new client: E[X(t)], the history of one just starting
        first = np.asarray(t, dtype=float)
        z = first / (alpha + first)
        tail = (1 - z) ** r * special.hyp2f1(r, b, a + b - 1, z)
        return (a + b - 1) / (a - 1) * (1 - tail)
    x, t_x, age = _as_arrays(frequency, recency, age)
    t = np.asarray(t, dtype=float)
    alive = special.expit(-_dropout_log_ratio(params, x, t_x, age))
    if a + b > ALIKE_DROPOUT:
        # one chance p of leaving after each purchase: an active client of
        # rate lambda makes (1 - exp(-lambda p t)) / p purchases (the paper's
        # equation 7), lambda's posterior Gamma(r + x, alpha + T)
        dropout = a / (a + b)
        # 1 - ((alpha+T)/(alpha+T+p t))^(r+x), exact for a tiny p
        gone = -np.expm1(-(r + x) * np.log1p(dropout * t / (alpha + age)))
        return alive * gone / dropout
    z = t / (alpha + age + t)
    # ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z), through Euler's
    # transformation: its parameters no longer grow with the frequency, so the
    # series stays finite for the most frequent clients
    tail = (1 - z) ** (a - 1) * special.hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)
    expected = (a + b + x - 1) / (a - 1) * (1 - tail)
    return expected * alive


# -- Gamma-Gamma ----------------------------------------------------------------


def _gamma_gamma_terms(p, q, v, x, m):
    return (
        special.gammaln(p * x + q)
        - special.gammaln(p * x)
        - special.gammaln(q)
        + q * np.log(v)
        + (p * x - 1) * np.log(m)
        + p * x * np.log(x)
        - (p * x + q) * np.log(v + x * m)
    )


def fit_gamma_gamma(frequency, monetary):
    """Maximum likelihood Gamma-Gamma parameters of the repeat buyers among the
    clients (frequency > 0 and a positive average value; the others are left
    out). Returns ``{"p", "q", "v", "log_likelihood", "clients",
    "iterations"}``; ``v`` is in the currency of ``monetary``. Raises FitError
    when the data cannot support the model, or when q <= 1 (an average purchase
    value without a finite mean)."""
    x, m = _as_arrays(frequency, monetary)
    if x.shape != m.shape:
        raise ValueError("frequency and monetary must have the same length")
    buyers = (x > 0) & (m > 0)
    if np.count_nonzero(buyers) < MIN_REPEAT_BUYERS:
        raise FitError("not enough repeat buyers")
    (x, m), weights = _compress(x[buyers], m[buyers])
    total = weights.sum()
    scale = float(np.average(m, weights=weights))
    log_m, log_x = np.log(m), np.log(x)

    def negative(log_params):
        p, q, v_scaled = np.exp(log_params)
        v = v_scaled * scale
        terms = _gamma_gamma_terms(p, q, v, x, m)
        common = special.digamma(p * x + q)
        log_vxm = np.log(v + x * m)
        d_p = x * (common - special.digamma(p * x) + log_m + log_x - log_vxm)
        d_q = common - special.digamma(q) + np.log(v) - log_vxm
        d_v = q / v - (p * x + q) / (v + x * m)
        gradient = np.array(
            [p * (weights @ d_p), q * (weights @ d_q), v * (weights @ d_v)]
        )
        return -(weights @ terms) / total, -gradient / total

    result = _maximise(negative, np.zeros(3), ("p", "q", "v"))
    p, q, v_scaled = np.exp(result.x)
    if q <= 1:
        raise FitError("the average purchase value has no finite mean (q <= 1)")
    return {
        "p": float(p),
        "q": float(q),
        "v": float(v_scaled * scale),
        "log_likelihood": float(-result.fun * total),
        "clients": int(total),
        "iterations": int(result.nit),
        "bounded": result.bounded,
    }


def expected_average_value(params, frequency, monetary):
    """Expected value of each client's future purchases, given its repeat
    purchases and their average: the population mean for a client without
    repeat purchase, nearer the client's own average the more it bought."""
    p, q, v = params["p"], params["q"], params["v"]
    x, m = _as_arrays(frequency, monetary)
    m = np.where(x > 0, m, 0.0)
    return p * (v + x * m) / (p * x + q - 1)


# -- value ----------------------------------------------------------------------


def expected_value(
    bgnbd,
    gamma_gamma,
    frequency,
    recency,
    age,
    monetary,
    horizon,
    steps=12,
    discount_rate=0.0,
):
    """Expected value of each client's purchases in the next ``horizon`` time
    units: expected purchases of each of ``steps`` equal parts of the horizon
    times the expected average value, each part discounted at
    ``discount_rate`` per horizon (0.1: 10% a year for a one-year horizon)."""
    x, t_x, age = _as_arrays(frequency, recency, age)
    value = expected_average_value(gamma_gamma, x, monetary)
    if not discount_rate:
        return expected_purchases(bgnbd, horizon, x, t_x, age) * value
    total = np.zeros_like(value)
    before = np.zeros_like(value)
    for step in range(1, steps + 1):
        until = expected_purchases(bgnbd, horizon * step / steps, x, t_x, age)
        total += (until - before) / (1 + discount_rate) ** (step / steps)
        before = until
    return total * value
