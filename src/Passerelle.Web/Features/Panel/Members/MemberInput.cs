using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Members;

/// <summary>The panel member form (create and edit): required name, known service and function, e-mail format, lengths, no markup.</summary>
internal sealed partial class MemberInput
{
    public string? Territory { get; set; }

    public string? Name { get; set; }

    public string? Service { get; set; }

    public string? Function { get; set; }

    public string? Email { get; set; }

    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public static MemberInput From(PanelMember m) => new()
    {
        Territory = m.TerritoryCode, Name = m.Name, Service = m.Service, Function = m.Function.ToString(), Email = m.Email, Active = m.Active, Version = m.Version,
    };

    /// <summary>The départements the actor may manage members of: all for a national administrator, else their own.</summary>
    public static IReadOnlyList<string> TerritoriesOf(AccessScope scope) =>
        scope.National ? [.. Departements.All.Select(d => d.Code)] : scope.Territories;

    /// <summary>Adds each error to <paramref name="state"/> (keys "Input.X"); returns the clean values when there is none.</summary>
    public Valid? Validate(AccessScope scope, bool territoryFixed, ModelStateDictionary state)
    {
        var errors = new List<FieldError>();
        var name = ReportValidation.FreeText(errors, "Input.Name", Name, PanelMember.MaxNameLength);
        if (name is not null && name.Contains('\n', StringComparison.Ordinal))
        {
            errors.Add(new("Input.Name", "error.control-characters"));
            name = null;
        }
        else if (name is null && !errors.Any(e => e.Field == "Input.Name"))
        {
            errors.Add(new("Input.Name", "panel.members.error.name-required"));
        }

        var service = Service?.Trim();
        if (string.IsNullOrEmpty(service))
        {
            errors.Add(new("Input.Service", "panel.members.error.service-required"));
        }
        else if (!PanelServices.IsKnown(service))
        {
            errors.Add(new("Input.Service", "error.unknown-value"));
        }

        PanelFunction function = PanelFunction.Member;
        if (string.IsNullOrWhiteSpace(Function) || !Enum.TryParse(Function.Trim(), ignoreCase: false, out function)
            || !Enum.IsDefined(function) || int.TryParse(Function, out _))
        {
            errors.Add(new("Input.Function", "error.unknown-value"));
        }

        string? email = null;
        if (!string.IsNullOrWhiteSpace(Email))
        {
            var trimmed = Email.Trim();
            if (trimmed.Length > Limits.Contact)
            {
                errors.Add(new("Input.Email", "error.too-long", Limits.Contact));
            }
            else if (!EmailPattern().IsMatch(trimmed) || !System.Net.Mail.MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
            {
                errors.Add(new("Input.Email", "error.email-invalid"));
            }
            else
            {
                email = trimmed;
            }
        }

        string? territory = null;
        if (!territoryFixed)
        {
            var code = Territory?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                errors.Add(new("Input.Territory", "panel.members.error.territory-required"));
            }
            else if (!TerritoriesOf(scope).Contains(code, StringComparer.Ordinal))
            {
                errors.Add(new("Input.Territory", "error.territory-outside-scope"));
            }
            else
            {
                territory = code;
            }
        }

        foreach (var e in errors)
        {
            state.AddModelError(e.Field, Texts.Format(e.MessageKey, e.Args));
        }

        return errors.Count == 0 ? new Valid(territory, name!, service!, function, email) : null;
    }

    /// <summary>
    /// The Passerelle account with this e-mail, when it is a panel account covering the département: it lets the
    /// meeting know who chairs. Any other account (or none) leaves the member unlinked.
    /// </summary>
    public static async Task<string?> LinkedUserAsync(PasserelleDb db, string? email, string territory, CancellationToken ct)
    {
        if (email is null)
        {
            return null;
        }

        var normalized = email.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized)
            .Select(u => new { u.Id, u.Role, u.Territories }).FirstOrDefaultAsync(ct);
        if (user is null || !Permissions.Has(user.Role, Permissions.PanelRead))
        {
            return null;
        }

        var (national, territories) = AccessScope.ParseTerritories(user.Territories);
        return national || territories.Contains(territory, StringComparer.Ordinal) ? user.Id : null;
    }

    internal sealed record Valid(string? Territory, string Name, string Service, PanelFunction Function, string? Email);

    [GeneratedRegex(@"^[^@\s<>""';]+@[^@\s<>""';]+\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();
}
