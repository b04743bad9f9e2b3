using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.Sectarian.Associations;

/// <summary>The association form (create and edit), with its checks: required, lengths, no markup, known region, no duplicate name.</summary>
internal sealed class AssociationInput
{
    private static readonly System.Globalization.CompareInfo French = System.Globalization.CultureInfo.GetCultureInfo("fr-FR").CompareInfo;

    public string? Name { get; set; }

    /// <summary>A region of <see cref="SectarianCodes.Regions"/>, or <see cref="SectarianCodes.National"/>.</summary>
    public string? Region { get; set; }

    public string? Contact { get; set; }

    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public static AssociationInput From(SupportAssociation a) =>
        new() { Name = a.Name, Region = a.Region ?? SectarianCodes.National, Contact = a.Contact, Active = a.Active, Version = a.Version };

    /// <summary>Adds each error to <paramref name="state"/> (keys "Input.X"); returns the clean values when there is none.</summary>
    public async Task<(string Name, string? Region, string Contact)?> ValidateAsync(PasserelleDb db, Guid? self, ModelStateDictionary state, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var name = ReportValidation.FreeText(errors, "Input.Name", Name, SupportAssociation.MaxNameLength);
        if (name is not null && name.Contains('\n', StringComparison.Ordinal))
        {
            errors.Add(new("Input.Name", "error.control-characters"));
            name = null;
        }
        else if (name is null && !errors.Any(e => e.Field == "Input.Name"))
        {
            errors.Add(new("Input.Name", "sectarian.error.name-required"));
        }

        var contact = ReportValidation.FreeText(errors, "Input.Contact", Contact, SupportAssociation.MaxContactLength);
        if (contact is null && !errors.Any(e => e.Field == "Input.Contact"))
        {
            errors.Add(new("Input.Contact", "sectarian.error.contact-required"));
        }

        string? region = null;
        var rawRegion = Region?.Trim();
        if (string.IsNullOrEmpty(rawRegion))
        {
            errors.Add(new("Input.Region", "sectarian.error.region-required"));
        }
        else if (rawRegion != SectarianCodes.National)
        {
            if (SectarianCodes.IsRegion(rawRegion))
            {
                region = rawRegion;
            }
            else
            {
                errors.Add(new("Input.Region", "error.unknown-value"));
            }
        }

        if (name is not null)
        {
            // Few rows: compared here, case- and accent-insensitively, the same way on both databases.
            var names = await db.SupportAssociations.AsNoTracking().Where(a => a.Id != self).Select(a => a.Name).ToListAsync(ct);
            if (names.Any(n => French.Compare(n.Trim(), name, System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace) == 0))
            {
                errors.Add(new("Input.Name", "sectarian.error.name-duplicate"));
            }
        }

        foreach (var e in errors)
        {
            state.AddModelError(e.Field, Texts.Format(e.MessageKey, e.Args));
        }

        return errors.Count == 0 ? (name!, region, contact!) : null;
    }
}
