namespace EmploymentDashboard.Web;

/// <summary>Marker for the UI strings in Resources/SharedResource.{ru,kk,en}.resx.</summary>
public sealed class SharedResource;
