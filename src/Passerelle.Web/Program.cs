using Passerelle.Web;
using Passerelle.Web.Api;
using Passerelle.Web.Cli;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Mail;
using Passerelle.Web.Security;

var (verb, hostArgs) = CommandLine.Split(args);
var builder = WebApplication.CreateBuilder(hostArgs);

builder.AddData();
builder.AddSecurity();
builder.AddLocalisation();
builder.AddWebPages();
builder.AddApi();
builder.AddMail();

var app = builder.Build();

if (verb.Count > 0)
{
    return await CommandLine.RunAsync(app, verb);
}

await app.PrepareDatabaseAsync();

app.UseWebPipeline();
app.MapHealth();
app.MapApi();
app.MapWebPages();

await app.RunAsync();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
