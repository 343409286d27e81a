"""The predicted client value's models (client_base_analysis/tools/clv.py) on
public data: the CDNOW sample reproduces the published BG/NBD and Gamma-Gamma
estimates, and BG/NBD predicts the 39 held-out weeks. The module is loaded by
its path, as the plain Python it is: no Odoo involved."""

import ast
import importlib.util
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
CLV_PATH = ROOT / "client_base_analysis" / "tools" / "clv.py"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


clv = _load("clv", CLV_PATH)
cdnow = _load("cdnow", ROOT / "client_base_analysis" / "tests" / "cdnow.py")

# Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", table 1
# (weeks), and "RFM and CLV: Using Iso-Value Curves", section 4
PUBLISHED_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_LOG_LIKELIHOOD = -9582.4
PUBLISHED_GAMMA_GAMMA = {"p": 6.25, "q": 3.74, "v": 15.44}


@pytest.fixture(scope="module")
def summary():
    rows = np.array(cdnow.summary())
    return {"x": rows[:, 0], "t_x": rows[:, 1], "T": rows[:, 2], "m": rows[:, 3]}


@pytest.fixture(scope="module")
def bgnbd(summary):
    return clv.fit_bgnbd(summary["x"], summary["t_x"], summary["T"])


def _histories(purchases, end):
    """Per customer (in id order), from the purchases up to ``end``: repeat
    purchase days, first to last purchase day and first purchase day to the
    end, in weeks, and the average value of the repeat purchase days."""
    days = defaultdict(lambda: defaultdict(float))
    for customer, day, value in purchases:
        if day <= end:
            days[customer][day] += value
    rows = []
    for customer in sorted(days):
        by_day = days[customer]
        ordered = sorted(by_day)
        first, last = ordered[0], ordered[-1]
        repeat = [by_day[day] for day in ordered[1:]]
        rows.append(
            (
                len(ordered) - 1,
                (last - first).days / 7,
                (end - first).days / 7,
                sum(repeat) / len(repeat) if repeat else 0.0,
            )
        )
    return sorted(days), np.array(rows)


def test_module_is_plain_python():
    tree = ast.parse(CLV_PATH.read_text())
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported == {"numpy", "scipy"}


def test_summary_is_the_sample_over_the_calibration_weeks(summary):
    """Our definitions (distinct purchase days, days from the first purchase)
    give the published summary from the raw purchases."""
    customers, rows = _histories(cdnow.transactions(), cdnow.CALIBRATION_END)
    assert len(customers) == 2357
    np.testing.assert_array_equal(rows[:, 0], summary["x"])
    np.testing.assert_allclose(rows[:, 1], summary["t_x"], atol=0.006)
    np.testing.assert_allclose(rows[:, 2], summary["T"], atol=0.006)
    np.testing.assert_allclose(rows[:, 3], summary["m"], atol=0.006)


def test_bgnbd_reproduces_the_published_estimates(bgnbd):
    for name, published in PUBLISHED_BGNBD.items():
        assert bgnbd[name] == pytest.approx(published, rel=0.01), name
    assert bgnbd["log_likelihood"] == pytest.approx(PUBLISHED_LOG_LIKELIHOOD, abs=0.5)
    assert bgnbd["clients"] == 2357


def test_bgnbd_fit_is_the_maximum(summary, bgnbd):
    """Any step away from the fitted parameters lowers the likelihood."""
    best = clv.bgnbd_log_likelihood(bgnbd, summary["x"], summary["t_x"], summary["T"])
    assert best == pytest.approx(bgnbd["log_likelihood"])
    for name in PUBLISHED_BGNBD:
        for factor in (0.99, 1.01):
            moved = {**bgnbd, name: bgnbd[name] * factor}
            assert (
                clv.bgnbd_log_likelihood(
                    moved, summary["x"], summary["t_x"], summary["T"]
                )
                < best
            )


def test_bgnbd_in_days_scales_alpha_only(summary, bgnbd):
    in_days = clv.fit_bgnbd(summary["x"], summary["t_x"] * 7, summary["T"] * 7)
    assert in_days["alpha"] / 7 == pytest.approx(bgnbd["alpha"], rel=1e-4)
    for name in ("r", "a", "b"):
        assert in_days[name] == pytest.approx(bgnbd[name], rel=1e-4)


def test_gamma_gamma_reproduces_the_published_estimates(summary):
    fitted = clv.fit_gamma_gamma(summary["x"], summary["m"])
    for name, published in PUBLISHED_GAMMA_GAMMA.items():
        assert fitted[name] == pytest.approx(published, rel=0.01), name
    assert fitted["clients"] == int(np.count_nonzero(summary["x"]))
    # a client without repeat purchase is expected at the population mean
    mean = fitted["p"] * fitted["v"] / (fitted["q"] - 1)
    assert clv.expected_average_value(fitted, 0, 0) == pytest.approx(mean)
    # the more a client bought, the nearer its own average
    values = clv.expected_average_value(fitted, [1, 10, 100], [100, 100, 100])
    assert mean < values[0] < values[1] < values[2] < 100


def test_conditional_expectation_of_the_paper(bgnbd):
    """The paper's customer: 2 repeat purchases, the last at week 30.43 of
    38.86, expects 1.226 purchases in the next 39 weeks."""
    expected = clv.expected_purchases(bgnbd, 39, 2, 30.43, 38.86)
    assert float(expected) == pytest.approx(1.226, abs=0.001)


def test_holdout_weeks_are_predicted(bgnbd):
    """BG/NBD fitted on the 39 calibration weeks predicts each customer's
    purchases of the next 39; in total within 15% of the actual ones, and by
    number of calibration repeat purchases."""
    purchases = cdnow.transactions()
    end = cdnow.CALIBRATION_END
    holdout_end = end + timedelta(weeks=cdnow.HOLDOUT_WEEKS)
    customers, rows = _histories(purchases, end)
    index = {customer: i for i, customer in enumerate(customers)}
    actual = np.zeros(len(customers))
    for customer, _day in {(c, d) for c, d, _v in purchases if end < d <= holdout_end}:
        actual[index[customer]] += 1
    x, t_x, age = rows[:, 0], rows[:, 1], rows[:, 2]
    expected = clv.expected_purchases(bgnbd, cdnow.HOLDOUT_WEEKS, x, t_x, age)
    assert actual.sum() == 1882
    assert abs(expected.sum() - actual.sum()) / actual.sum() < 0.15
    group = np.minimum(x, 7).astype(int)
    by_group = {
        g: (expected[group == g].mean(), actual[group == g].mean()) for g in range(8)
    }
    # the model ranks the groups as they bought: more before, more after
    predicted = [by_group[g][0] for g in range(8)]
    observed = [by_group[g][1] for g in range(8)]
    assert predicted == sorted(predicted)
    assert observed[0] < observed[3] < observed[7]
    assert abs(by_group[0][0] - by_group[0][1]) < 0.1


def test_p_alive(bgnbd):
    # no repeat purchase: nothing tells that the client left
    assert float(clv.p_alive(bgnbd, 0, 0, 38)) == 1.0
    # the same frequency, the longer the silence the lower the chance
    alive = clv.p_alive(bgnbd, [5, 5, 5], [38, 20, 2], [38, 38, 38])
    assert 1 > alive[0] > alive[1] > alive[2] > 0


def test_new_client_is_a_client_without_history(bgnbd):
    assert clv.expected_purchases(bgnbd, 52) == pytest.approx(
        float(clv.expected_purchases(bgnbd, 52, 0, 0, 0))
    )


def test_large_frequencies_stay_finite(bgnbd):
    x = np.array([0, 1, 50, 500, 5000])
    t_x = np.array([0, 30, 38, 38.8, 38.86])
    age = np.full(5, 38.86)
    assert np.isfinite(clv.bgnbd_log_likelihood(bgnbd, x, t_x, age))
    expected = clv.expected_purchases(bgnbd, 39, x, t_x, age)
    assert np.all(np.isfinite(expected)) and np.all(np.diff(expected[1:]) > 0)
    alive = clv.p_alive(bgnbd, x, t_x, age)
    assert np.all((alive > 0) & (alive <= 1))


def _simulate(r, alpha, a, b, ages, rng):
    """Histories drawn from BG/NBD itself: each client's purchase rate from
    Gamma(r, alpha), its chance of leaving after a repeat purchase from
    Beta(a, b)."""
    rates = rng.gamma(r, 1 / alpha, len(ages))
    leaving = rng.beta(a, b, len(ages))
    x, t_x = np.zeros(len(ages)), np.zeros(len(ages))
    for client, age in enumerate(ages):
        moment = rng.exponential(1 / rates[client])
        while moment <= age:
            x[client] += 1
            t_x[client] = moment
            if rng.random() < leaving[client]:
                break
            moment += rng.exponential(1 / rates[client])
    return x, t_x, np.asarray(ages, dtype=float)


@pytest.mark.parametrize(
    "params",
    [
        # clients of a wholesaler: a few purchases a year, in days
        {"r": 0.8, "alpha": 20.0, "a": 1.5, "b": 4.0},
        # a shop's regulars: nearly a purchase a day, hundreds each
        {"r": 3.0, "alpha": 1.0, "a": 2.0, "b": 30.0},
    ],
)
def test_parameters_are_recovered_from_simulated_clients(params):
    rng = np.random.default_rng(7)
    x, t_x, age = _simulate(**params, ages=rng.uniform(300, 700, 4000), rng=rng)
    fitted = clv.fit_bgnbd(x, t_x, age)
    for name, value in params.items():
        assert fitted[name] == pytest.approx(value, rel=0.2), name


@pytest.mark.parametrize("clients", [0, 1, 10])
def test_too_few_clients_refused(clients):
    rng = np.random.default_rng(clients)
    x = rng.integers(0, 5, clients).astype(float)
    age = np.full(clients, 300.0)
    with pytest.raises(clv.FitError):
        clv.fit_bgnbd(x, np.minimum(x * 30, age), age)
    if np.count_nonzero(x) < clv.MIN_REPEAT_BUYERS:
        with pytest.raises(clv.FitError):
            clv.fit_gamma_gamma(x, np.full(clients, 50.0))


def test_clients_alike_in_leaving_are_a_limit_of_the_model():
    """Every client with the same chance of leaving after a purchase: the
    Beta distribution of that chance becomes one value (a and b run to the
    edge together, their ratio kept); the predictions hold and match the
    model with that one chance, drawn here."""
    rng = np.random.default_rng(5)
    ages = rng.uniform(300, 700, 3000)
    x, t_x, age = _simulate(1.0, 20.0, 1e6, 9e6, ages, rng)  # p = 0.1 for all
    fitted = clv.fit_bgnbd(x, t_x, age)
    assert set(fitted["bounded"]) >= {"b"}
    assert fitted["a"] / (fitted["a"] + fitted["b"]) == pytest.approx(0.1, rel=0.2)
    assert fitted["r"] == pytest.approx(1.0, rel=0.2)
    expected = clv.expected_purchases(fitted, 180, x, t_x, age)
    assert np.all(np.isfinite(expected)) and np.all(expected >= 0)
    # the same with a and b large but below the limit: the series agrees
    near = {**fitted, "a": 900.0 * fitted["a"] / (fitted["a"] + fitted["b"])}
    near["b"] = 900.0 - near["a"]
    series = clv.expected_purchases(near, 180, x[:50], t_x[:50], age[:50])
    one_chance = clv.expected_purchases(
        {**near, "a": near["a"] * 1e3, "b": near["b"] * 1e3},
        180,
        x[:50],
        t_x[:50],
        age[:50],
    )
    np.testing.assert_allclose(series, one_chance, rtol=0.02, atol=1e-3)


def test_almost_nobody_leaving_tends_to_poisson():
    """A chance of leaving near 0 (a tiny, b huge): the expected purchases of
    a client still buying are its Poisson rate (r + x) / (alpha + T) times t,
    to the digit, also over a few days."""
    params = {"r": 162754.79, "alpha": 27371653.8, "a": np.exp(-12), "b": 162754.76}
    alive = float(clv.p_alive(params, 3, 300, 400))
    for t in (7, 14, 90, 365):
        expected = float(clv.expected_purchases(params, t, 3, 300, 400))
        poisson = alive * (params["r"] + 3) / (params["alpha"] + 400) * t
        assert expected == pytest.approx(poisson, rel=1e-3), t


def test_no_repeat_buyer_refused():
    with pytest.raises(clv.FitError):
        clv.fit_bgnbd(np.zeros(100), np.zeros(100), np.full(100, 200.0))
    with pytest.raises(clv.FitError):
        clv.fit_gamma_gamma(np.zeros(100), np.zeros(100))


def test_bad_histories_are_refused():
    with pytest.raises(ValueError):
        clv.fit_bgnbd([1, 2], [10, 20], [5, 30])  # last purchase after the end
    with pytest.raises(ValueError):
        clv.fit_bgnbd([1.5], [1], [2])


def test_expected_value_sums_the_months(summary, bgnbd):
    gamma_gamma = clv.fit_gamma_gamma(summary["x"], summary["m"])
    args = (summary["x"], summary["t_x"], summary["T"], summary["m"])
    plain = clv.expected_value(bgnbd, gamma_gamma, *args, 52)
    direct = clv.expected_purchases(bgnbd, 52, *args[:3]) * clv.expected_average_value(
        gamma_gamma, summary["x"], summary["m"]
    )
    np.testing.assert_allclose(plain, direct, rtol=1e-9)
    discounted = clv.expected_value(bgnbd, gamma_gamma, *args, 52, discount_rate=0.1)
    assert np.all(discounted < plain) and np.all(discounted > plain / 1.1)
