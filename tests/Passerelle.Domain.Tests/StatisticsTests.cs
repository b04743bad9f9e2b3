using Passerelle.Domain.Statistics;

namespace Passerelle.Domain.Tests;

/// <summary>
/// The evaluation's statistics against published reference values: the exact binomial interval (Clopper–Pearson)
/// and the Kaplan–Meier estimator with Greenwood's variance on the Freireich et al. (1963) 6-MP remission data.
/// </summary>
public sealed class StatisticsTests
{
    // Clopper–Pearson

    [Fact]
    public void ClopperPearson_0Of64_UpperBoundIs5point6PercentTwoSided_And4point6OneSided()
    {
        // The reference: 0 of 64 is "0 % (95 % CI 0–5.6 %)", one-sided upper bound 4.6 %.
        // Closed forms for x = 0: 1 − 0.025^(1/64) = 0.05601 and 1 − 0.05^(1/64) = 0.04572.
        var two = ClopperPearson.TwoSided(0, 64);
        two.Lower.ShouldBe(0);
        two.Upper.ShouldBe(0.0560, 0.00005);
        two.Upper.ShouldBe(1 - Math.Pow(0.025, 1.0 / 64), 1e-10);
        var one = ClopperPearson.UpperBound(0, 64);
        one.ShouldBe(0.0457, 0.00005);
        one.ShouldBe(1 - Math.Pow(0.05, 1.0 / 64), 1e-10);
    }

    [Fact]
    public void ClopperPearson_20Of20_LowerBoundIsTheClosedForm_UpperIs1()
    {
        // x = n: lower = (α/2)^(1/n) = 0.025^(1/20) = 0.8315665 (R: binom.test(20, 20) → 0.8315665 1.0000000).
        var ci = ClopperPearson.TwoSided(20, 20);
        ci.Lower.ShouldBe(Math.Pow(0.025, 1.0 / 20), 1e-10);
        ci.Lower.ShouldBe(0.8315665, 1e-7);
        ci.Upper.ShouldBe(1);
        ClopperPearson.UpperBound(20, 20).ShouldBe(1);
    }

    [Theory]
    // R 4.x, binom.test(5, 20)$conf.int → 0.08657147 0.49104587.
    [InlineData(5, 20, 0.08657147, 0.49104587)]
    // R's own documentation example (?binom.test, Conover 1971 p. 97f.): binom.test(c(682, 243), p = 3/4) → 0.7076683 0.7654066.
    [InlineData(682, 925, 0.7076683, 0.7654066)]
    // R 4.x, binom.test(1, 10)$conf.int → 0.002528579 0.445016117.
    [InlineData(1, 10, 0.002528579, 0.445016117)]
    public void ClopperPearson_MatchesRBinomTest(int x, int n, double lower, double upper)
    {
        var ci = ClopperPearson.TwoSided(x, n);
        ci.Lower.ShouldBe(lower, 5e-7);
        ci.Upper.ShouldBe(upper, 5e-7);
    }

    [Fact]
    public void ClopperPearson_IsSymmetric_AndContainsThePointEstimate()
    {
        for (var n = 1; n <= 40; n++)
        {
            for (var x = 0; x <= n; x++)
            {
                var ci = ClopperPearson.TwoSided(x, n);
                var mirror = ClopperPearson.TwoSided(n - x, n);
                ci.Lower.ShouldBe(1 - mirror.Upper, 1e-9, $"{x}/{n}");
                ci.Lower.ShouldBeLessThanOrEqualTo((double)x / n);
                ci.Upper.ShouldBeGreaterThanOrEqualTo((double)x / n);
                ClopperPearson.UpperBound(x, n).ShouldBeLessThanOrEqualTo(ci.Upper + 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    [InlineData(0, 0)]
    public void ClopperPearson_RefusesImpossibleCounts(int x, int n) =>
        Should.Throw<ArgumentOutOfRangeException>(() => ClopperPearson.TwoSided(x, n));

    [Theory]
    [InlineData(0.3, 2.0, 3.0, 0.3483)]    // integer a, b: P(Bin(a + b − 1, x) ≥ a) = 1 − 0.7⁴ − 4 · 0.3 · 0.7³
    [InlineData(0.5, 1.0, 1.0, 0.5)]       // uniform
    [InlineData(0.2, 1.0, 4.0, 0.5904)]    // 1 − (1 − x)^4
    public void IncompleteBeta_MatchesClosedForms(double x, double a, double b, double expected) =>
        IncompleteBeta.Regularized(x, a, b).ShouldBe(expected, 1e-4);

    [Fact]
    public void IncompleteBeta_InverseRoundTrips()
    {
        foreach (var (a, b) in new[] { (0.5, 0.5), (1.0, 64.0), (5.0, 16.0), (30.0, 2.0), (682.0, 244.0) })
        {
            foreach (var p in new[] { 0.001, 0.025, 0.5, 0.975, 0.999 })
            {
                IncompleteBeta.Regularized(IncompleteBeta.Inverse(p, a, b), a, b).ShouldBe(p, 1e-9, $"a={a} b={b} p={p}");
            }
        }
    }

    [Fact]
    public void LogGamma_MatchesFactorials() =>
        IncompleteBeta.LogGamma(11).ShouldBe(Math.Log(3628800), 1e-10);

    // Kaplan–Meier

    /// <summary>
    /// Freireich et al., Blood 21 (1963) 699–716: weeks of remission under 6-MP, 21 patients, "+" = censored.
    /// The textbook example of Kaplan–Meier (e.g. Kleinbaum &amp; Klein, Survival Analysis, 3rd ed., ch. 2;
    /// Collett, Modelling Survival Data, ch. 2).
    /// </summary>
    private static readonly SurvivalObservation[] SixMp =
    [
        new(6, true), new(6, true), new(6, true), new(6, false), new(7, true), new(9, false), new(10, true), new(10, false),
        new(11, false), new(13, true), new(16, true), new(17, false), new(19, false), new(20, false), new(22, true), new(23, true),
        new(25, false), new(32, false), new(32, false), new(34, false), new(35, false),
    ];

    [Fact]
    public void KaplanMeier_6MP_MatchesThePublishedEstimatesAndGreenwoodErrors()
    {
        var curve = KaplanMeier.Estimate(SixMp);

        var events = curve.Steps.Where(s => s.Events > 0).ToList();
        events.Select(s => s.Time).ShouldBe([6, 7, 10, 13, 16, 22, 23]);
        events.Select(s => s.AtRisk).ShouldBe([21, 17, 15, 12, 11, 7, 6]);
        events.Select(s => s.Events).ShouldBe([3, 1, 1, 1, 1, 1, 1]);
        double[] survival = [0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448];
        double[] errors = [0.076, 0.087, 0.096, 0.107, 0.114, 0.128, 0.135];
        for (var i = 0; i < events.Count; i++)
        {
            Math.Round(events[i].Survival, 3).ShouldBe(survival[i], $"S({events[i].Time})");
            Math.Round(events[i].StandardError!.Value, 3).ShouldBe(errors[i], $"SE({events[i].Time})");
        }

        curve.Subjects.ShouldBe(21);
        curve.Events.ShouldBe(9);
        curve.Median.ShouldBe(23);
        curve.SurvivalAt(5).ShouldBe(1);
        curve.SurvivalAt(12).ShouldBe(events[2].Survival);
        curve.SurvivalAt(100).ShouldBe(events[^1].Survival);
    }

    [Fact]
    public void KaplanMeier_6MP_LogLogBand_MatchesRSurvfit()
    {
        // R, survival::survfit(Surv(time, status) ~ 1, conf.type = "log-log") on the same data.
        var events = KaplanMeier.Estimate(SixMp).Steps.Where(s => s.Events > 0).ToList();
        double[] lower = [0.620, 0.563, 0.503, 0.432, 0.368, 0.268, 0.188];
        double[] upper = [0.952, 0.923, 0.889, 0.849, 0.805, 0.747, 0.680];
        for (var i = 0; i < events.Count; i++)
        {
            Math.Round(events[i].Lower!.Value, 3).ShouldBe(lower[i], 0.0011, $"lower({events[i].Time})");
            Math.Round(events[i].Upper!.Value, 3).ShouldBe(upper[i], 0.0011, $"upper({events[i].Time})");
            events[i].Lower!.Value.ShouldBeLessThan(events[i].Survival);
            events[i].Upper!.Value.ShouldBeGreaterThan(events[i].Survival);
        }
    }

    [Fact]
    public void KaplanMeier_TiesOfEventsAndCensoring_CountTheCensoredAtRisk()
    {
        // At t = 6 three events and one censoring: the censored subject is at risk at 6, so Ŝ(6) = 1 − 3/21.
        var step = KaplanMeier.Estimate(SixMp).Steps[0];
        step.Time.ShouldBe(6);
        step.AtRisk.ShouldBe(21);
        step.Events.ShouldBe(3);
        step.Censored.ShouldBe(1);
        step.Survival.ShouldBe(18.0 / 21, 1e-12);

        // Censoring first would give 1 − 1/3 at t = 2; events first gives 1 − 1/4.
        var curve = KaplanMeier.Estimate([new(2, true), new(2, false), new(3, true), new(5, false)]);
        curve.Steps[0].Survival.ShouldBe(0.75, 1e-12);
        curve.Steps[1].AtRisk.ShouldBe(2);
        curve.Steps[1].Survival.ShouldBe(0.375, 1e-12);
    }

    [Fact]
    public void KaplanMeier_AllCensored_StaysAt1_WithNoBandAndNoMedian()
    {
        var curve = KaplanMeier.Estimate([new(3, false), new(8, false), new(8, false)]);
        curve.Events.ShouldBe(0);
        curve.Steps.ShouldAllBe(s => s.Survival == 1 && s.Lower == null && s.Upper == null && s.StandardError == null);
        curve.Steps.Select(s => s.AtRisk).ShouldBe([3, 2]);
        curve.Median.ShouldBeNull();
    }

    [Fact]
    public void KaplanMeier_EmptyInput_IsAnEmptyCurve()
    {
        var curve = KaplanMeier.Estimate([]);
        curve.Steps.ShouldBeEmpty();
        curve.Subjects.ShouldBe(0);
        curve.Median.ShouldBeNull();
        curve.SurvivalAt(10).ShouldBe(1);
    }

    [Fact]
    public void KaplanMeier_EveryoneHasTheEvent_ReachesZero_BandUndefinedThere()
    {
        var curve = KaplanMeier.Estimate([new(1, true), new(2, true)]);
        curve.Steps[0].Survival.ShouldBe(0.5);
        curve.Median.ShouldBe(1);
        curve.Steps[1].Survival.ShouldBe(0);
        curve.Steps[1].Lower.ShouldBeNull();
        curve.Steps[1].StandardError.ShouldBeNull();
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void KaplanMeier_RefusesImpossibleTimes(double time) =>
        Should.Throw<ArgumentOutOfRangeException>(() => KaplanMeier.Estimate([new(time, true)]));
}
