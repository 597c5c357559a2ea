using EmploymentDashboard.Data.Entities;

namespace EmploymentDashboard.Data.Demo;

/// <summary>
/// The Karaganda region as it is since 8 June 2022 (after Ulytau region was split off): six cities of
/// regional significance and seven districts, with published populations and approximate centres.
/// KATO codes are left empty: they are not known here and are never invented.
/// </summary>
public static class KaragandaTerritory
{
    public static readonly DateOnly ValidFrom = new(2022, 6, 8);

    public static Region CreateRegion() => new()
    {
        Code = "karaganda",
        Name = new LocalizedName("Карагандинская область", "Қарағанды облысы", "Karaganda Region"),
    };

    /// <summary>The thirteen cities and districts, cities first.</summary>
    public static IReadOnlyList<District> CreateDistricts(Region region)
    {
        var order = 0;
        District Make(string code, DistrictKind kind, string ru, string kk, string en, int population, int populationYear, bool estimate, double lat, double lon) => new()
        {
            Region = region,
            Code = code,
            Kind = kind,
            Name = new LocalizedName(ru, kk, en),
            Population = population,
            PopulationYear = populationYear,
            PopulationIsEstimate = estimate,
            Latitude = lat,
            Longitude = lon,
            ValidFrom = ValidFrom,
            SortOrder = ++order,
        };

        return
        [
            Make("karaganda-city", DistrictKind.City, "Караганда", "Қарағанды", "Karaganda", 515_632, 2023, false, 49.80, 73.10),
            Make("temirtau-city", DistrictKind.City, "Темиртау", "Теміртау", "Temirtau", 171_893, 2023, false, 50.05, 72.96),
            Make("balkhash-city", DistrictKind.City, "Балхаш", "Балқаш", "Balkhash", 80_136, 2021, false, 46.84, 74.98),
            Make("saran-city", DistrictKind.City, "Сарань", "Саран", "Saran", 43_277, 2019, false, 49.78, 72.85),
            Make("shakhtinsk-city", DistrictKind.City, "Шахтинск", "Шахтинск", "Shakhtinsk", 39_185, 2023, false, 49.72, 72.58),
            Make("priozersk-city", DistrictKind.City, "Приозерск", "Приозерск", "Priozersk", 13_000, 2009, true, 46.03, 73.70),
            Make("abay-district", DistrictKind.District, "Абайский район", "Абай ауданы", "Abay District", 60_031, 2022, false, 49.63, 72.84),
            Make("aktogay-district", DistrictKind.District, "Актогайский район", "Ақтоғай ауданы", "Aktogay District", 17_474, 2019, false, 48.50, 74.75),
            Make("bukhar-zhyrau-district", DistrictKind.District, "Бухар-Жырауский район", "Бұқар жырау ауданы", "Bukhar-Zhyrau District", 57_175, 2019, false, 49.96, 73.72),
            Make("karkaraly-district", DistrictKind.District, "Каркаралинский район", "Қарқаралы ауданы", "Karkaraly District", 36_025, 2019, false, 49.47, 75.51),
            Make("nura-district", DistrictKind.District, "Нуринский район", "Нұра ауданы", "Nura District", 22_363, 2023, false, 50.26, 71.55),
            Make("osakarov-district", DistrictKind.District, "Осакаровский район", "Осакаров ауданы", "Osakarov (Sarybel) District", 31_243, 2019, false, 50.56, 72.57),
            Make("shet-district", DistrictKind.District, "Шетский район", "Шет ауданы", "Shet District", 45_000, 2024, true, 48.80, 73.70),
        ];
    }

    /// <summary>The active labour-market measures the dashboard reports, in the order tables list them.</summary>
    public static IReadOnlyList<SupportMeasure> CreateMeasures()
    {
        var order = 0;
        SupportMeasure Make(string code, MeasureKind kind, string ru, string kk, string en) =>
            new() { Code = code, Kind = kind, Name = new LocalizedName(ru, kk, en), SortOrder = ++order };

        return
        [
            Make(MeasureCodes.Vacancy, MeasureKind.Placement, "Трудоустройство на вакансии", "Бос жұмыс орындарына орналастыру", "Placement into vacancies"),
            Make(MeasureCodes.SocialJobs, MeasureKind.SubsidisedJob, "Социальные рабочие места", "Әлеуметтік жұмыс орындары", "Social jobs"),
            Make(MeasureCodes.PublicWorks, MeasureKind.SubsidisedJob, "Общественные работы", "Қоғамдық жұмыстар", "Public works"),
            Make(MeasureCodes.YouthPractice, MeasureKind.SubsidisedJob, "Молодёжная практика", "Жастар практикасы", "Youth practice"),
            Make(MeasureCodes.FirstJob, MeasureKind.SubsidisedJob, "Первое рабочее место", "Алғашқы жұмыс орны", "First job"),
            Make(MeasureCodes.SilverAge, MeasureKind.SubsidisedJob, "Серебряный возраст", "Күміс жас", "Silver age"),
            Make(MeasureCodes.BusinessGrant, MeasureKind.Grant, "Гранты на открытие своего дела", "Өз ісін ашуға гранттар", "Business start-up grants"),
            Make(MeasureCodes.Training, MeasureKind.Training, "Обучение (Бастау Бизнес, цифровые профессии)", "Оқыту (Бастау Бизнес, цифрлық мамандықтар)", "Training (Bastau Business, digital professions)"),
        ];
    }
}
