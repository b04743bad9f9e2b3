namespace Passerelle.Domain.Statistics;

/// <summary>One subject's follow-up: the time observed and whether it ended with the event (false = censored then).</summary>
public readonly record struct SurvivalObservation(double Time, bool Event);

/// <summary>
/// The curve at one distinct time: the number at risk just before it, the events and censorings there, the
/// survival estimate just after it, Greenwood's standard error of that estimate, and the pointwise confidence band
/// (null where undefined: before the first event, where the estimate reaches 0).
/// </summary>
public sealed record SurvivalStep(double Time, int AtRisk, int Events, int Censored, double Survival, double? StandardError, double? Lower, double? Upper);

/// <summary>A Kaplan–Meier curve: one step per distinct observed time, the subjects, events, and the median when reached.</summary>
public sealed record SurvivalCurve(IReadOnlyList<SurvivalStep> Steps, int Subjects, int Events, double? Median)
{
    /// <summary>Ŝ(t): the estimate just after <paramref name="time"/> (1 before the first event).</summary>
    public double SurvivalAt(double time)
    {
        var s = 1.0;
        foreach (var step in Steps)
        {
            if (step.Time > time)
            {
                break;
            }

            s = step.Survival;
        }

        return s;
    }
}

/// <summary>
/// The Kaplan–Meier product-limit estimator (E. L. Kaplan and P. Meier, "Nonparametric estimation from incomplete
/// observations", JASA 53 (1958) 457–481): Ŝ(t) = ∏_{t_i ≤ t} (1 − d_i / n_i) over the distinct event times t_i,
/// with d_i events among the n_i subjects still at risk just before t_i.
/// <list type="bullet">
/// <item>Ties: at a time with both events and censorings, the events come first, i.e. the subjects censored at t_i
/// are counted at risk at t_i (the usual convention, Kaplan &amp; Meier 1958 §2).</item>
/// <item>Variance: Greenwood's formula (M. Greenwood, Reports on Public Health and Medical Subjects 33, 1926),
/// Var Ŝ(t) = Ŝ(t)² Σ_{t_i ≤ t} d_i / (n_i (n_i − d_i)).</item>
/// <item>Confidence band: pointwise, on the log(−log) scale (Kalbfleisch &amp; Prentice 1980, §1.3; R's
/// <c>survfit(conf.type = "log-log")</c>), so the bounds stay inside (0, 1):
/// Ŝ(t)^exp(±z σ(t)), σ(t) = √(Σ d_i / (n_i (n_i − d_i))) / |ln Ŝ(t)|, z = 1.96 for 95 %. Undefined while Ŝ = 1 and
/// once Ŝ = 0 (null there).</item>
/// <item>Median survival: the smallest time with Ŝ(t) ≤ 0.5 (Collett, Modelling Survival Data in Medical Research,
/// 3rd ed., §2.4); null when the curve never goes that low.</item>
/// </list>
/// </summary>
public static class KaplanMeier
{
    /// <summary>The standard normal quantile for a two-sided 95 % band (Φ⁻¹(0.975)).</summary>
    public const double Z95 = 1.959963984540054;

    public static SurvivalCurve Estimate(IEnumerable<SurvivalObservation> observations)
    {
        var all = observations.ToList();
        foreach (var o in all)
        {
            if (double.IsNaN(o.Time) || double.IsInfinity(o.Time) || o.Time < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(observations), o.Time, "A follow-up time must be a finite number, zero or more.");
            }
        }

        var steps = new List<SurvivalStep>();
        var atRisk = all.Count;
        var survival = 1.0;
        var greenwood = 0.0;
        var undefined = false;
        double? median = null;
        foreach (var group in all.GroupBy(o => o.Time).OrderBy(g => g.Key))
        {
            var events = group.Count(o => o.Event);
            var censored = group.Count() - events;
            if (events > 0)
            {
                survival *= 1 - (double)events / atRisk;
                if (atRisk == events)
                {
                    undefined = true; // Ŝ = 0: Greenwood's term divides by zero, the band is not defined.
                }
                else
                {
                    greenwood += (double)events / (atRisk * (double)(atRisk - events));
                }

                if (median is null && survival <= 0.5)
                {
                    median = group.Key;
                }
            }

            double? se = null, lower = null, upper = null;
            if (!undefined && survival < 1)
            {
                se = survival * Math.Sqrt(greenwood);
                var sigma = Math.Sqrt(greenwood) / Math.Abs(Math.Log(survival));
                lower = Math.Pow(survival, Math.Exp(Z95 * sigma));
                upper = Math.Pow(survival, Math.Exp(-Z95 * sigma));
            }

            steps.Add(new SurvivalStep(group.Key, atRisk, events, censored, survival, se, lower, upper));
            atRisk -= events + censored;
        }

        return new SurvivalCurve(steps, all.Count, all.Count(o => o.Event), median);
    }
}
