using System.Text.RegularExpressions;
using System.Xml.Linq;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>Every UI string exists in Russian, Kazakh and English, and every key the pages use exists.</summary>
public sealed partial class LocalizationTests
{
    private static readonly string[] _languages = ["ru", "kk", "en"];

    private static Dictionary<string, string> Resources(string language)
    {
        var path = RepositoryFiles.PathOf("src", "EmploymentDashboard.Web", "Resources", $"SharedResource.{language}.resx");
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? string.Empty);
    }

    [Fact]
    public void Every_resource_key_exists_in_all_three_languages()
    {
        var keys = _languages.ToDictionary(l => l, l => Resources(l).Keys.ToHashSet());
        var all = keys.Values.SelectMany(k => k).ToHashSet();

        foreach (var language in _languages)
        {
            var missing = all.Except(keys[language]).Order().ToList();
            Assert.True(missing.Count == 0, $"Missing in SharedResource.{language}.resx: {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void No_translation_is_empty_and_placeholders_agree()
    {
        var russian = Resources("ru");
        foreach (var language in _languages)
        {
            foreach (var (key, value) in Resources(language))
            {
                Assert.False(string.IsNullOrWhiteSpace(value), $"{key} is empty in {language}.");
                Assert.Equal(Placeholders(russian[key]), Placeholders(value));
            }
        }
    }

    [Fact]
    public void Every_key_the_code_uses_has_a_resource()
    {
        var keys = Resources("ru").Keys.ToHashSet();
        var sources = Directory.EnumerateFiles(RepositoryFiles.PathOf("src", "EmploymentDashboard.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);

        var used = sources.SelectMany(f => LocalizerKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value))).ToList();
        Assert.NotEmpty(used);
        var unknown = used.Where(u => !keys.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(unknown.Count == 0, $"Keys without a resource: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Keys_built_at_run_time_have_resources()
    {
        var keys = Resources("ru").Keys.ToHashSet();
        var dynamic = EmploymentDashboard.Data.Entities.DashboardRoles.All
            .SelectMany(role => new[] { $"Role.{role}", $"Role.{role}.Description" })
            .Concat(["Users.DisabledNow", "Users.EnabledNow"]);

        Assert.All(dynamic, key => Assert.Contains(key, keys));
    }

    [Fact]
    public void District_and_measure_names_exist_in_all_three_languages()
    {
        var region = KaragandaTerritory.CreateRegion();
        var names = KaragandaTerritory.CreateDistricts(region).Select(d => d.Name)
            .Concat(KaragandaTerritory.CreateMeasures().Select(m => m.Name))
            .Append(region.Name);
        Assert.All(names, name =>
        {
            Assert.False(string.IsNullOrWhiteSpace(name.Ru));
            Assert.False(string.IsNullOrWhiteSpace(name.Kk));
            Assert.False(string.IsNullOrWhiteSpace(name.En));
        });
    }

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order()];

    [GeneratedRegex(@"\b(?:L|localizer)\[""(?<key>[A-Za-z0-9_.]+)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
