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
/// reporting year reproduces every published figure of DOMAIN.md exactly. Counts are spread over districts
/// in proportion to population times each district's performance (<see cref="DistrictPerformance"/>): cities
/// reach more people than rural districts, a few districts do markedly better or worse, and quota fulfilment
/// ranges from about 40% to 100%. The same seed always gives the same rows.
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

        var performance = DistrictPerformance(districts, seed);
        var random = new Random(seed);
        CreateEmployers(set, random, plans.Max(p => p.EmployersWithQuota + p.PendingApplications));
        // Newest year first: the reporting year's quotas (2–4% of headcount) fix each employer's headcount;
        // earlier years had smaller quotas under the older rules.
        foreach (var plan in plans.OrderByDescending(p => p.Year))
        {
            new YearBuilder(set, plan, measures, performance, new Random(unchecked((seed * 7919) + plan.Year))).Build();
        }

        return set;
    }

    /// <summary>
    /// How well each district's employment centre reaches people with disabilities, relative to the others:
    /// cities about 1.15, rural districts about 0.8 (fewer vacancies, longer distances), each varied by up to
    /// ±10%, and four districts picked by the seed set apart: two strong performers (×1.3, ×1.2) and two weak
    /// ones (×0.75, ×0.8). Events are spread in proportion to population times this factor, so the rate per
    /// 1,000 people with disabilities differs by district the same way.
    /// </summary>
    public static double[] DistrictPerformance(IReadOnlyList<District> districts, int seed)
    {
        var random = new Random(unchecked((seed * 104_729) + 13));
        var factors = districts.Select(d => (d.Kind == DistrictKind.City ? 1.15 : 0.8) * (0.9 + (0.2 * random.NextDouble()))).ToArray();
        var picked = Enumerable.Range(0, districts.Count).Select(i => (Index: i, Key: random.Next())).OrderBy(p => p.Key).Select(p => p.Index).ToArray();
        double[] apart = [1.3, 1.2, 0.75, 0.8];
        for (var i = 0; i < apart.Length && i < picked.Length; i++)
        {
            factors[picked[i]] *= apart[i];
        }

        return factors;
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
    private sealed class YearBuilder(DemoDataSet set, DemoYearPlan plan, IReadOnlyDictionary<string, SupportMeasure> measures, double[] performance, Random random)
    {
        /// <summary>Events per district: population times performance, which drifts by up to ±5% from year to year.</summary>
        private readonly double[] _weights = [.. set.Districts.Select((d, i) => d.Population * performance[i] * (0.95 + (0.1 * random.NextDouble())))];
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
                    code == MeasureCodes.Training ? plan.Placements[code] - plan.TrainingOfGrantRecipients : plan.Placements[code], _weights));
            var grants = Apportionment.LargestRemainder(plan.Grants, _weights);
            var grantTraining = Apportionment.LargestRemainder(plan.TrainingOfGrantRecipients, _weights);
            var repeats = Apportionment.LargestRemainder(plan.VacanciesAfterPublicWorks, _weights);

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
            var wanted = FilledPlaces(employers, places);
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
                var filled = 0;
                if (freeVacancies.TryGetValue(employer.District!, out var queue))
                {
                    for (; filled < wanted[i] && queue.Count > 0; filled++)
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

        /// <summary>
        /// How many of each employer's places to fill. Districts that reach more people also fill more of their
        /// quota: the weakest district about 40% of its places, the strongest about 98% (±3% from year to year);
        /// the district's filled places are then spread over its employers at random.
        /// </summary>
        private int[] FilledPlaces(List<Employer> employers, int[] places)
        {
            var (lowest, highest) = (performance.Min(), performance.Max());
            var wanted = new int[employers.Count];
            for (var d = 0; d < set.Districts.Count; d++)
            {
                var mine = Enumerable.Range(0, employers.Count).Where(i => employers[i].District == set.Districts[d]).ToList();
                var share = 0.40 + (0.58 * (performance[d] - lowest) / Math.Max(highest - lowest, 1e-9)) + (0.06 * (random.NextDouble() - 0.5));
                var left = (int)Math.Round(mine.Sum(i => places[i]) * Math.Clamp(share, 0.35, 1.0));
                while (left > 0)
                {
                    var open = mine.Where(i => wanted[i] < places[i]).ToList();
                    wanted[open[random.Next(open.Count)]]++;
                    left--;
                }
            }

            return wanted;
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
            // Rural districts have older populations (a few more people with disabilities per head) and fewer jobs.
            var population = set.Districts.Select(d => (double)d.Population).ToArray();
            var people = Apportionment.LargestRemainder(plan.PeopleWithDisabilities, [.. set.Districts.Select((d, i) => population[i] * (d.Kind == DistrictKind.City ? 1.0 : 1.08))]);
            var workingAge = Apportionment.LargestRemainder(plan.WorkingAge, [.. people.Select(p => p * (0.95 + (0.1 * random.NextDouble())))]);
            var employed = Apportionment.LargestRemainder(plan.Employed, [.. set.Districts.Select((d, i) => workingAge[i] * (d.Kind == DistrictKind.City ? 1.1 : 0.85) * (0.92 + (0.16 * random.NextDouble())))]);
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
