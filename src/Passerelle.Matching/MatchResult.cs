namespace Passerelle.Matching;

/// <summary>
/// What one field contributed to a match probability, for the "why" shown to users.
/// </summary>
/// <param name="Field">The field compared.</param>
/// <param name="Level">The agreement level in words ("exact", "one digit typo", "missing").</param>
/// <param name="Log2BayesFactor">Evidence in bits: positive for a match, negative against, 0 when missing.</param>
public sealed record FieldEvidence(MatchField Field, string Level, double Log2BayesFactor);

/// <summary>
/// The probability that two records describe the same person, with its explanation. It is a
/// statement about a pair of records, never a score about a person.
/// </summary>
/// <param name="Probability">Posterior match probability in [0, 1].</param>
/// <param name="MatchWeight">Posterior log2 odds (prior plus the sum of the evidence).</param>
/// <param name="PriorLog2Odds">Log2 prior odds that two records of the population match.</param>
/// <param name="Evidence">One entry per <see cref="MatchField"/>.</param>
/// <param name="NamesSwapped">True when given name and surname were compared crosswise.</param>
public sealed record MatchResult(
    double Probability,
    double MatchWeight,
    double PriorLog2Odds,
    IReadOnlyList<FieldEvidence> Evidence,
    bool NamesSwapped)
{
    /// <summary>
    /// True when the given names share nothing, or the dates are a generation apart, and only an
    /// identity number that agrees exactly kept that from weighing as a veto.
    /// </summary>
    public bool VetoLifted { get; init; }
}

/// <summary>A register entry proposed for an incoming record.</summary>
/// <param name="Id">Id of the register record.</param>
/// <param name="Result">Probability and explanation.</param>
public sealed record MatchCandidate(string Id, MatchResult Result);

/// <summary>An accepted cross-list pair.</summary>
/// <param name="IdLeft">Id in the left list.</param>
/// <param name="IdRight">Id in the right list.</param>
/// <param name="Probability">Match probability.</param>
public sealed record LinkedPair(string IdLeft, string IdRight, double Probability);

/// <summary>Counts for the CLI summary and the blocking report.</summary>
/// <param name="Records">Records read.</param>
/// <param name="CandidatePairs">Pairs compared after blocking.</param>
/// <param name="TotalPairs">Pairs a full comparison would need.</param>
/// <param name="AcceptedPairs">Pairs at or above the threshold.</param>
public sealed record MatchStatistics(int Records, long CandidatePairs, long TotalPairs, long AcceptedPairs)
{
    /// <summary>Share of all pairs actually compared.</summary>
    public double ComparisonFraction => TotalPairs == 0 ? 0 : (double)CandidatePairs / TotalPairs;
}

/// <summary>Result of <see cref="MatchEngine.Deduplicate"/>.</summary>
/// <param name="ClusterIds">One cluster id per input record, same order; records of one person share it.</param>
/// <param name="Statistics">Counts.</param>
public sealed record DedupeResult(IReadOnlyList<string> ClusterIds, MatchStatistics Statistics);

/// <summary>Result of <see cref="MatchEngine.Link"/>.</summary>
/// <param name="Pairs">Accepted pairs, highest probability first.</param>
/// <param name="Statistics">Counts.</param>
public sealed record LinkResult(IReadOnlyList<LinkedPair> Pairs, MatchStatistics Statistics);
