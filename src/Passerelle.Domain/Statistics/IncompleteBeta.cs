namespace Passerelle.Domain.Statistics;

/// <summary>
/// The regularised incomplete beta function I_x(a, b) and its inverse, written from first principles so the
/// exact binomial interval needs no statistics package.
/// <para>
/// I_x(a, b) is evaluated with its continued fraction (Abramowitz &amp; Stegun 26.5.8), by the modified Lentz
/// method, on the side where it converges fast (x &lt; (a + 1) / (a + b + 2), else through the symmetry
/// I_x(a, b) = 1 − I_{1−x}(b, a)); see Press et al., Numerical Recipes, 3rd ed. (2007), §6.4. The prefactor
/// uses ln Γ by the Lanczos approximation (g = 7, 9 coefficients; Lanczos 1964, coefficients as published by
/// Godfrey), accurate to about 15 significant digits for positive arguments.
/// </para>
/// <para>
/// The inverse solves I_x(a, b) = p for x by bisection on [0, 1] (I is increasing in x), which always converges,
/// followed by a few Newton steps (the derivative is the beta density) that stay inside the bisection bracket.
/// </para>
/// </summary>
public static class IncompleteBeta
{
    private const int MaxIterations = 300;
    private const double Epsilon = 1e-15;
    private const double Tiny = 1e-300;

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(z) for z &gt; 0 (Lanczos approximation, g = 7).</summary>
    public static double LogGamma(double z)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z);
        if (z < 0.5)
        {
            // Reflection: Γ(z) Γ(1 − z) = π / sin(πz).
            return Math.Log(Math.PI / Math.Sin(Math.PI * z)) - LogGamma(1 - z);
        }

        z -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (z + i);
        }

        var t = z + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (z + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>The regularised incomplete beta function I_x(a, b), for 0 ≤ x ≤ 1 and a, b &gt; 0.</summary>
    public static double Regularized(double x, double a, double b)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        if (double.IsNaN(x) || x < 0 || x > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "x must lie in [0, 1].");
        }

        if (x == 0)
        {
            return 0;
        }

        if (x == 1)
        {
            return 1;
        }

        // x^a (1 − x)^b / B(a, b), in logarithms.
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - front * ContinuedFraction(1 - x, b, a) / b;
    }

    /// <summary>The x in [0, 1] with I_x(a, b) = <paramref name="p"/> (the quantile of the Beta(a, b) distribution).</summary>
    public static double Inverse(double p, double a, double b)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie in [0, 1].");
        }

        if (p == 0)
        {
            return 0;
        }

        if (p == 1)
        {
            return 1;
        }

        double low = 0, high = 1, x = 0.5;
        for (var i = 0; i < 60; i++)
        {
            x = (low + high) / 2;
            if (Regularized(x, a, b) < p)
            {
                low = x;
            }
            else
            {
                high = x;
            }
        }

        // Newton on f(x) = I_x(a, b) − p, f'(x) = x^(a−1) (1 − x)^(b−1) / B(a, b); a step leaving the bracket is refused.
        var logBeta = LogGamma(a) + LogGamma(b) - LogGamma(a + b);
        for (var i = 0; i < 20; i++)
        {
            var error = Regularized(x, a, b) - p;
            var density = Math.Exp((a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - x) - logBeta);
            if (density <= 0 || double.IsInfinity(density))
            {
                break;
            }

            var next = x - error / density;
            if (next <= low || next >= high || Math.Abs(next - x) < 1e-16)
            {
                break;
            }

            x = next;
        }

        return x;
    }

    /// <summary>The continued fraction of I_x(a, b) (Numerical Recipes' betacf), by the modified Lentz method.</summary>
    private static double ContinuedFraction(double x, double a, double b)
    {
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - qab * x / qap;
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var m2 = 2 * m;

            // Even step: d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m)).
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + aa / c;
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            h *= d * c;

            // Odd step: d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + aa / c;
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                return h;
            }
        }

        return h;
    }
}
