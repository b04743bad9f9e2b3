namespace Passerelle.Domain.Tests;

public sealed class ReceiptTests
{
    [Fact]
    public void NewReceipt_IsQuotableAndWithoutLookAlikes()
    {
        var receipts = Enumerable.Range(0, 2000).Select(_ => Report.NewReceipt(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))).ToList();
        receipts.ShouldAllBe(r => System.Text.RegularExpressions.Regex.IsMatch(r, "^SIG-2026-[A-HJ-NP-Z2-9]{8}$"));
        receipts.Distinct().Count().ShouldBe(receipts.Count);
    }
}
