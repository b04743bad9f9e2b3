namespace Passerelle.Domain.Statistics;

/// <summary>A confidence interval for a proportion, bounds in [0, 1].</summary>
public readonly record struct Interval(double Lower, double Upper);

/// <summary>
/// The exact (Clopper–Pearson) confidence interval for a binomial proportion x / n: C. J. Clopper and E. S. Pearson,
/// "The use of confidence or fiducial limits illustrated in the case of the binomial", Biometrika 26 (1934) 404–413.
/// Through the beta–binomial identity the bounds are beta quantiles (e.g. Brown, Cai &amp; DasGupta, Statistical
/// Science 16 (2001) 101–133, §2.1):
/// lower = B(α/2; x, n − x + 1) (0 when x = 0), upper = B(1 − α/2; x + 1, n − x) (1 when x = n);
/// the one-sided upper bound at level 1 − α is B(1 − α; x + 1, n − x). This is what R's <c>binom.test</c> reports.
/// For x = 0 the upper bounds have a closed form, 1 − (α/2)^(1/n) and 1 − α^(1/n): 0 of 64 gives 5.6 % and 4.6 %.
/// It is conservative (coverage at least the nominal level), which suits small cohorts reported to decision-makers.
/// </summary>
public static class ClopperPearson
{
    public const double DefaultConfidence = 0.95;

    /// <summary>The two-sided interval at <paramref name="confidence"/> (95 % by default) for <paramref name="x"/> of <paramref name="n"/>.</summary>
    public static Interval TwoSided(int x, int n, double confidence = DefaultConfidence)
    {
        var alpha = Check(x, n, confidence);
        var lower = x == 0 ? 0 : IncompleteBeta.Inverse(alpha / 2, x, n - x + 1);
        var upper = x == n ? 1 : IncompleteBeta.Inverse(1 - alpha / 2, x + 1, n - x);
        return new Interval(lower, upper);
    }

    /// <summary>The one-sided upper bound at <paramref name="confidence"/>: the true proportion is below it with that confidence.</summary>
    public static double UpperBound(int x, int n, double confidence = DefaultConfidence)
    {
        var alpha = Check(x, n, confidence);
        return x == n ? 1 : IncompleteBeta.Inverse(1 - alpha, x + 1, n - x);
    }

    private static double Check(int x, int n, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(x, n);
        if (!(confidence is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must lie strictly between 0 and 1.");
        }

        return 1 - confidence;
    }
}
