using EmploymentDashboard.Data.Entities;

namespace EmploymentDashboard.Data.Demo;

/// <summary>Everything the demo generator makes, ready to be added to a <see cref="DashboardDbContext"/>.</summary>
public sealed class DemoDataSet
{
    public required Region Region { get; init; }

    public required IReadOnlyList<District> Districts { get; init; }

    public required IReadOnlyList<SupportMeasure> Measures { get; init; }

    public List<Participant> Participants { get; } = [];

    public List<Placement> Placements { get; } = [];

    public List<Grant> Grants { get; } = [];

    public List<Employer> Employers { get; } = [];

    public List<EmployerQuota> Quotas { get; } = [];

    public List<SpecialWorkplace> SpecialWorkplaces { get; } = [];

    public List<DisabilityPopulation> Populations { get; } = [];

    public required DatasetInfo Info { get; init; }
}

/// <summary>
/// Makes the demo data set: the Karaganda region's thirteen cities and districts, three years of
/// pseudonymous participants, placements, grants, employer quotas and population context. The
/// reporting year reproduces every published figure of DOMAIN.md exactly; counts are spread over
/// districts in proportion to population. The same seed always gives the same rows.
/// </summary>
public sealed class DemoDataGenerator(int seed = DemoDataGenerator.DefaultSeed)
{
    public const int DefaultSeed = 1120;

    /// <summary>When the demo data set says it was last updated (fixed, so the set is deterministic).</summary>
    public static readonly DateTimeOffset DemoLastUpdated = new(2026, 1, 15, 4, 0, 0, TimeSpan.Zero);

    private static readonly string[] _nameStems =
    [
        "Сары-Арка", "Караганда", "Темир", "Нур", "Шахтер", "Балхаш", "Жулдыз", "Алтын", "Кен", "Болат",
        "Достык", "Казахмыс", "Арай", "Берекет", "Самал", "Акжол", "Таза", "Умит", "Жасыл", "Орда",
    ];

    private static readonly string[] _nameTrades =
    [
        "Строй", "Сервис", "Транс", "Агро", "Энерго", "Пром", "Маш", "Текстиль", "Пищепром", "Медиа", "Логистик", "Мебель",
    ];

    public DemoDataSet Generate()
    {
        var region = KaragandaTerritory.CreateRegion();
        var districts = KaragandaTerritory.CreateDistricts(region);
        region.Districts.AddRange(districts);
        var measures = KaragandaTerritory.CreateMeasures().ToDictionary(m => m.Code);
        var plans = DemoYearPlan.Earlier.Append(DemoYearPlan.Reporting).OrderBy(p => p.Year).ToList();

        var set = new DemoDataSet
        {
            Region = region,
            Districts = districts,
            Measures = [.. measures.Values.OrderBy(m => m.SortOrder)],
            Info = new DatasetInfo
            {
                IsDemo = true,
                Description = "Demo data: reproduces the Karaganda region figures published for the reporting year; people, employers and earlier years are synthetic.",
                ReportingYear = DemoYearPlan.Reporting.Year,
                LastUpdated = DemoLastUpdated,
            },
        };

        var weights = districts.Select(d => (double)d.Population).ToArray();
        var random = new Random(seed);
        CreateEmployers(set, random, plans.Max(p => p.EmployersWithQuota + p.PendingApplications));
        // Newest year first: the reporting year's quotas (2–4% of headcount) fix each employer's headcount;
        // earlier years had smaller quotas under the older rules.
        foreach (var plan in plans.OrderByDescending(p => p.Year))
        {
            new YearBuilder(set, plan, measures, weights, new Random(unchecked((seed * 7919) + plan.Year))).Build();
        }

        return set;
    }

    /// <summary>A pool of employers, spread over districts by population; each year's quotas draw from its start.</summary>
    private static void CreateEmployers(DemoDataSet set, Random random, int count)
    {
        var weights = set.Districts.Select(d => (double)d.Population).ToArray();
        var perDistrict = Apportionment.LargestRemainder(count, weights);

        // Interleave districts so that any prefix of the pool is spread over the region too.
        var queue = new List<District>();
        for (var round = 0; queue.Count < count; round++)
        {
            queue.AddRange(set.Districts.Where((_, i) => perDistrict[i] > round));
        }

        var names = new HashSet<string>();
        var bins = new HashSet<string>();
        foreach (var district in queue)
        {
            string name;
            do
            {
                var form = random.Next(5) == 0 ? "АО" : "ТОО";
                name = $"{form} «{_nameStems[random.Next(_nameStems.Length)]} {_nameTrades[random.Next(_nameTrades.Length)]}»";
            }
            while (!names.Add(name));

            string bin;
            do
            {
                bin = BusinessIdentificationNumber.Create(random);
            }
            while (!bins.Add(bin));

            set.Employers.Add(new Employer { Bin = bin, Name = name, District = district, Headcount = 0 });
        }
    }

    /// <summary>Builds one year's rows to its plan.</summary>
    private sealed class YearBuilder(DemoDataSet set, DemoYearPlan plan, IReadOnlyDictionary<string, SupportMeasure> measures, double[] weights, Random random)
    {
        private static readonly string[] _personCreatingOrder =
        [
            MeasureCodes.PublicWorks, MeasureCodes.Vacancy, MeasureCodes.SocialJobs, MeasureCodes.YouthPractice,
            MeasureCodes.FirstJob, MeasureCodes.SilverAge, MeasureCodes.Training,
        ];

        private readonly DateOnly _yearStart = new(plan.Year, 1, 1);

        private readonly DateOnly _yearEnd = new(plan.Year, 12, 31);

        public void Build()
        {
            var districts = set.Districts;
            var perMeasure = _personCreatingOrder.ToDictionary(
                code => code,
                code => Apportionment.LargestRemainder(
                    code == MeasureCodes.Training ? plan.Placements[code] - plan.TrainingOfGrantRecipients : plan.Placements[code], weights));
            var grants = Apportionment.LargestRemainder(plan.Grants, weights);
            var grantTraining = Apportionment.LargestRemainder(plan.TrainingOfGrantRecipients, weights);
            var repeats = Apportionment.LargestRemainder(plan.VacanciesAfterPublicWorks, weights);

            for (var d = 0; d < districts.Count; d++)
            {
                var district = districts[d];
                if (repeats[d] > Math.Min(perMeasure[MeasureCodes.Vacancy][d], perMeasure[MeasureCodes.PublicWorks][d])
                    || grantTraining[d] > grants[d])
                {
                    throw new InvalidOperationException($"Demo plan {plan.Year} cannot be spread over {district.Code}.");
                }

                var publicWorks = new List<Placement>();
                foreach (var code in _personCreatingOrder)
                {
                    for (var i = 0; i < perMeasure[code][d]; i++)
                    {
                        if (code == MeasureCodes.Vacancy && i < repeats[d])
                        {
                            // The same person finds a regular job after public works.
                            var earlier = publicWorks[i];
                            AddPlacement(earlier.Participant!, code, district, Later(earlier.Date, 45, 150));
                            continue;
                        }

                        var placement = AddPlacement(NewParticipant(district, code), code, district, RandomDate());
                        if (code == MeasureCodes.PublicWorks)
                        {
                            placement.Date = RandomDate(_yearStart, new DateOnly(plan.Year, 7, 31));
                            publicWorks.Add(placement);
                        }
                    }
                }

                for (var i = 0; i < grants[d]; i++)
                {
                    var person = NewParticipant(district, MeasureCodes.BusinessGrant);
                    var date = RandomDate(new DateOnly(plan.Year, 4, 1), _yearEnd);
                    set.Grants.Add(new Grant
                    {
                        Participant = person,
                        District = district,
                        AmountKzt = plan.GrantMci * plan.MciKzt,
                        MciKzt = plan.MciKzt,
                        Sector = RandomSector(),
                        Date = date,
                    });
                    if (i < grantTraining[d])
                    {
                        // Bastau Business training comes before the grant.
                        AddPlacement(person, MeasureCodes.Training, district, date.AddDays(-random.Next(30, 90)));
                    }
                }
            }

            BuildQuotas();
            BuildPopulation();
        }

        private void BuildQuotas()
        {
            var employers = set.Employers.Take(plan.EmployersWithQuota).ToList();
            var places = SpreadPlaces(plan.QuotaPlaces, employers.Count);
            var freeVacancies = set.Placements
                .Where(p => p.Date.Year == plan.Year && p.Measure!.Code == MeasureCodes.Vacancy && p.Employer is null)
                .GroupBy(p => p.District!)
                .ToDictionary(g => g.Key, g => new Queue<Placement>(g));

            for (var i = 0; i < employers.Count; i++)
            {
                var employer = employers[i];
                if (employer.Headcount == 0)
                {
                    // The Social Code sets 2–4% of headcount, for employers with 50 or more staff.
                    var low = Math.Max(50, (int)Math.Ceiling(places[i] / 0.04));
                    var high = Math.Max(low, (int)Math.Floor(places[i] / 0.02));
                    employer.Headcount = random.Next(low, high + 1);
                }

                // A place counts as filled only when someone is hired: link that many vacancy placements.
                var wanted = (int)Math.Round(places[i] * (0.45 + (0.55 * random.NextDouble())));
                var filled = 0;
                if (freeVacancies.TryGetValue(employer.District!, out var queue))
                {
                    for (; filled < wanted && queue.Count > 0; filled++)
                    {
                        queue.Dequeue().Employer = employer;
                    }
                }

                set.Quotas.Add(new EmployerQuota
                {
                    Employer = employer,
                    Year = plan.Year,
                    PlacesSet = places[i],
                    PlacesFilled = filled,
                    Status = QuotaStatus.InForce,
                });
            }

            if (plan.PendingApplications == 0)
            {
                BuildSpecialWorkplaces(employers);
                return;
            }

            var pendingEmployers = set.Employers.Skip(plan.EmployersWithQuota)
                .Where(e => e.District!.Code == "karaganda-city")
                .Take(plan.PendingApplications)
                .ToList();
            if (pendingEmployers.Count != plan.PendingApplications)
            {
                throw new InvalidOperationException("The employer pool has too few Karaganda employers for the pending applications.");
            }

            var pendingPlaces = Apportionment.LargestRemainder(plan.PendingPlaces, [.. pendingEmployers.Select(_ => 1.0)]);
            for (var i = 0; i < pendingEmployers.Count; i++)
            {
                var employer = pendingEmployers[i];
                if (employer.Headcount == 0)
                {
                    employer.Headcount = random.Next(60, 100);
                }

                set.Quotas.Add(new EmployerQuota { Employer = employer, Year = plan.Year, PlacesSet = pendingPlaces[i], Status = QuotaStatus.ApplicationPending });
            }

            BuildSpecialWorkplaces(employers);
        }

        private void BuildSpecialWorkplaces(List<Employer> employers)
        {
            // Special workplaces at the larger employers with a quota, a few to each.
            var hosts = employers.OrderByDescending(e => e.Headcount).ThenBy(e => e.Bin, StringComparer.Ordinal).ToList();
            var host = 0;
            foreach (var (type, group, count) in plan.SpecialWorkplaces)
            {
                for (var left = count; left > 0; host++)
                {
                    var take = Math.Min(left, 3);
                    set.SpecialWorkplaces.Add(new SpecialWorkplace
                    {
                        Employer = hosts[host % hosts.Count],
                        Year = plan.Year,
                        ImpairmentType = type,
                        DisabilityGroup = group,
                        Count = take,
                    });
                    left -= take;
                }
            }
        }

        /// <summary>Places per employer (1 to 8), adding up to the total exactly.</summary>
        private int[] SpreadPlaces(int total, int employers)
        {
            if (employers == 0 || total < employers || total > employers * 8)
            {
                throw new InvalidOperationException($"Cannot spread {total} quota places over {employers} employers.");
            }

            var places = Enumerable.Range(0, employers).Select(_ => random.Next(1, 5)).ToArray();
            while (places.Sum() != total)
            {
                var i = random.Next(employers);
                if (places.Sum() > total && places[i] > 1)
                {
                    places[i]--;
                }
                else if (places.Sum() < total && places[i] < 8)
                {
                    places[i]++;
                }
            }

            return places;
        }

        private void BuildPopulation()
        {
            var people = Apportionment.LargestRemainder(plan.PeopleWithDisabilities, weights);
            var workingAge = Apportionment.LargestRemainder(plan.WorkingAge, weights);
            var employed = Apportionment.LargestRemainder(plan.Employed, weights);
            for (var d = 0; d < set.Districts.Count; d++)
            {
                set.Populations.Add(new DisabilityPopulation
                {
                    District = set.Districts[d],
                    Year = plan.Year,
                    PeopleWithDisabilities = people[d],
                    WorkingAge = workingAge[d],
                    Employed = employed[d],
                });
            }
        }

        private Placement AddPlacement(Participant person, string measureCode, District district, DateOnly date)
        {
            var placement = new Placement { Participant = person, Measure = measures[measureCode], District = district, Date = date };
            set.Placements.Add(placement);
            return placement;
        }

        private Participant NewParticipant(District district, string measureCode)
        {
            // Ages the measures are meant for (DOMAIN.md): Silver age 50+, First job up to 35, youth practice graduates.
            var (minAge, maxAge) = measureCode switch
            {
                MeasureCodes.SilverAge => (50, 62),
                MeasureCodes.FirstJob => (18, 35),
                MeasureCodes.YouthPractice => (20, 29),
                _ => (18, 62),
            };
            var roll = random.Next(100);
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout: an opaque random id
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            var person = new Participant
            {
                Id = new Guid(bytes),
                District = district,
                DisabilityGroup = roll < 10 ? DisabilityGroup.I : roll < 58 ? DisabilityGroup.II : DisabilityGroup.III,
                Sex = random.Next(100) < 56 ? Sex.Male : Sex.Female,
                BirthYear = plan.Year - random.Next(minAge, maxAge + 1),
            };
            set.Participants.Add(person);
            return person;
        }

        private BusinessSector RandomSector() => random.Next(100) switch
        {
            < 25 => BusinessSector.Agriculture,
            < 40 => BusinessSector.Crafts,
            < 55 => BusinessSector.Manufacturing,
            < 75 => BusinessSector.Services,
            < 90 => BusinessSector.Trade,
            _ => BusinessSector.Food,
        };

        private DateOnly RandomDate() => RandomDate(_yearStart, _yearEnd);

        private DateOnly RandomDate(DateOnly from, DateOnly to) => from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));

        private DateOnly Later(DateOnly date, int minDays, int maxDays)
        {
            var later = date.AddDays(random.Next(minDays, maxDays + 1));
            return later > _yearEnd ? _yearEnd : later;
        }
    }
}
