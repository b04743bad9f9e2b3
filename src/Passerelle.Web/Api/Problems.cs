using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Api;

/// <summary>RFC 9457 problem details with field-level messages in the request's language.</summary>
internal static class Problems
{
    public static IResult Validation(IEnumerable<FieldError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => Texts.Format(e.MessageKey, e.Args)).ToArray()),
            title: Texts.Get("error.validation-title"));

    public static IResult Validation(string field, string messageKey) => Validation([new FieldError(field, messageKey)]);

    public static IResult Status(int status, string messageKey) =>
        TypedResults.Problem(title: Texts.Get(messageKey), statusCode: status);
}
