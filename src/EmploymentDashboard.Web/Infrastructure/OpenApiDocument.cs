using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>The OpenAPI 3.0 description of the open-data API and the record-level exports, served at /api/v1/openapi.json.</summary>
public static class OpenApiDocument
{
    public static IEndpointConventionBuilder MapOpenApiDocument(this IEndpointRouteBuilder app) =>
        app.MapGet(OpenDataApi.DocumentPath, () => Results.Json(Build())).AllowAnonymous();

    public static object Build()
    {
        object Param(string name, string description, object schema, string @in = "query", bool required = false, bool explode = true) =>
            new { name, @in, required, description, schema, style = @in == "query" ? "form" : "simple", explode };

        object[] filters =
        [
            Param("year", "Calendar year; ignored when from/to are given.", new { type = "integer" }),
            Param("from", "First month of the period, yyyy-MM.", new { type = "string", pattern = "^\\d{4}-\\d{2}$" }),
            Param("to", "Last month of the period, yyyy-MM.", new { type = "string", pattern = "^\\d{4}-\\d{2}$" }),
            Param("district", "District or city codes (repeat the parameter).", new { type = "array", items = new { type = "string" } }),
            Param("measure", "Measure codes (repeat the parameter).", new { type = "array", items = new { type = "string", @enum = new[] { MeasureCodes.Vacancy, MeasureCodes.SocialJobs, MeasureCodes.PublicWorks, MeasureCodes.YouthPractice, MeasureCodes.FirstJob, MeasureCodes.SilverAge, MeasureCodes.BusinessGrant, MeasureCodes.Training } } }),
            Param("group", "Disability groups.", new { type = "array", items = new { type = "string", @enum = new[] { "1", "2", "3" } } }),
            Param("sex", "Sexes.", new { type = "array", items = new { type = "string", @enum = new[] { "female", "male" } } }),
            Param("age", "Age bands (age in the year of the event).", new { type = "array", items = new { type = "string", @enum = Ages.All.Select(Ages.Code).ToArray() } }),
            Param("lang", "Language of labels: ru (default), kk or en.", new { type = "string", @enum = new[] { "ru", "kk", "en" } }),
        ];
        var cell = new
        {
            oneOf = new object[]
            {
                new { type = "string", description = "A label (district, month, …)." },
                new { type = "object", properties = new { value = new { type = "number", nullable = true }, suppressed = new { type = "boolean" }, reason = new { type = "string", nullable = true, @enum = new[] { "small_count", "complementary", "small_base", "dominance" } } } },
            },
        };
        var table = new
        {
            type = "object",
            properties = new
            {
                table = new { type = "string" },
                title = new { type = "string" },
                audience = new { type = "string", @enum = new[] { "public", "staff" }, description = "public: small counts withheld by the disclosure policy; staff: exact (signed-in staff)." },
                source = new { type = "string" },
                columns = new { type = "array", items = new { type = "object", properties = new { code = new { type = "string" }, label = new { type = "string" }, figure = new { type = "boolean" } } } },
                rows = new { type = "array", items = new { type = "array", items = cell } },
            },
        };
        var problem = new { type = "object", properties = new { status = new { type = "integer" }, title = new { type = "string" }, detail = new { type = "string" } } };
        var tableResponses = new Dictionary<string, object>
        {
            ["200"] = new { description = "The table as the dashboard shows it to the caller.", content = new Dictionary<string, object> { ["application/json"] = new { schema = table } } },
            ["400"] = new { description = "A filter value is not valid; detail says which.", content = new Dictionary<string, object> { ["application/problem+json"] = new { schema = problem } } },
            ["404"] = new { description = "No such dashboard, district, measure or table.", content = new Dictionary<string, object> { ["application/problem+json"] = new { schema = problem } } },
        };
        var dashboard = Param("dashboard", "The dashboard.", new { type = "string", @enum = new[] { "overview", "districts", "quotas", "grants", "context", "map" } }, "path", required: true);
        var tableId = Param("table", "The table id, as in the page's download links (e.g. overview-by-month-table, placements-table).", new { type = "string" }, "path", required: true);

        return new Dictionary<string, object>
        {
            ["openapi"] = "3.0.3",
            ["info"] = new
            {
                title = "EmploymentDashboard open data",
                version = "1",
                description = "Aggregates of employment support for people with disabilities in the Karaganda region, as JSON. "
                    + "Anonymous callers get the public view: counts from 1 to k−1 and complementary cells are withheld (value null, suppressed true, reason). "
                    + "Events are not people: never add measure counts and call the sum people.",
            },
            ["paths"] = new Dictionary<string, object>
            {
                ["/api/v1/{dashboard}/{table}"] = new { get = new { summary = "A table of a dashboard", operationId = "getTable", parameters = filters.Prepend(tableId).Prepend(dashboard).ToArray(), responses = tableResponses } },
                ["/api/v1/{dashboard}/{code}/{table}"] = new
                {
                    get = new
                    {
                        summary = "A table of one district's or one measure's dashboard",
                        operationId = "getItemTable",
                        parameters = filters
                            .Prepend(tableId)
                            .Prepend(Param("code", "District or measure code.", new { type = "string" }, "path", required: true))
                            .Prepend(Param("dashboard", "districts or measures.", new { type = "string", @enum = new[] { "districts", "measures" } }, "path", required: true))
                            .ToArray(),
                        responses = tableResponses,
                    },
                },
                ["/exports/records/{dataset}.csv"] = new
                {
                    get = new
                    {
                        summary = "Record-level CSV export (Analyst or Admin; recorded; rate limited)",
                        operationId = "exportRecords",
                        parameters = filters
                            .Prepend(Param("dataset", "Dataset.", new { type = "string", @enum = RecordExports.Datasets.ToArray() }, "path", required: true))
                            .Append(Param("delimiter", "comma (default) or semicolon with decimal comma.", new { type = "string", @enum = new[] { "comma", "semicolon" } }))
                            .Append(Param("headers", "labels (default, in the chosen language) or codes.", new { type = "string", @enum = new[] { "labels", "codes" } }))
                            .Append(Param("bom", "UTF-8 byte order mark (default true).", new { type = "boolean" }))
                            .ToArray(),
                        responses = new Dictionary<string, object>
                        {
                            ["200"] = new { description = "RFC 4180 CSV, UTF-8, streamed.", content = new Dictionary<string, object> { ["text/csv"] = new { schema = new { type = "string" } } } },
                            ["302"] = new { description = "Not signed in: redirect to sign-in." },
                            ["403"] = new { description = "Signed in without the Analyst or Admin role." },
                            ["429"] = new { description = "Too many exports; see Retry-After." },
                        },
                    },
                },
            },
        };
    }
}
