namespace FiveSocieties.Volunteers;

/// <summary>A point on the map (WGS-84 degrees).</summary>
public readonly record struct Position(double Latitude, double Longitude)
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance in kilometres (haversine).</summary>
    public double KilometresTo(Position other)
    {
        var dLat = ToRadians(other.Latitude - Latitude);
        var dLon = ToRadians(other.Longitude - Longitude);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
                + Math.Cos(ToRadians(Latitude)) * Math.Cos(ToRadians(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public bool IsValid => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180
                           && double.IsFinite(Latitude) && double.IsFinite(Longitude);

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
