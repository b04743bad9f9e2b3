using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Passerelle.Web.Data;

namespace Passerelle.Web.Security;

/// <summary>A data-protection key (it signs sign-in cookies and anti-forgery tokens), stored in the database.</summary>
internal sealed class DataProtectionKey
{
    public int Id { get; init; }

    public string? FriendlyName { get; init; }

    public required string Xml { get; init; }
}

/// <summary>
/// Keeps the data-protection key ring in the shared database, so several app instances accept each
/// other's cookies and forms, and a restart signs nobody out. (The EF package for this is not in the
/// registry reached here; this is the same idea in a few lines.)
/// </summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PasserelleDb>();
        return [.. db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PasserelleDb>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChangesAsync().GetAwaiter().GetResult();
    }

    public static void AddTo(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("passerelle");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
    }
}
