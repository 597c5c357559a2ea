using System.Globalization;

namespace EmploymentDashboard.Data.Entities;

/// <summary>A name kept in the three languages of the dashboard: Russian, Kazakh and English.</summary>
public sealed record LocalizedName(string Ru, string Kk, string En)
{
    /// <summary>The name in the given culture's language; Russian, the default language, otherwise.</summary>
    public string For(CultureInfo culture) => Languages.Of(culture) switch
    {
        Language.Kazakh => Kk,
        Language.English => En,
        _ => Ru,
    };
}

/// <summary>The languages the dashboard speaks.</summary>
public enum Language
{
    Russian,
    Kazakh,
    English,
}

/// <summary>Which dashboard language a culture means.</summary>
public static class Languages
{
    /// <summary>"kk*" is Kazakh, "en*" English, anything else Russian (the default).</summary>
    public static Language Of(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "kk" => Language.Kazakh,
        "en" => Language.English,
        _ => Language.Russian,
    };
}
