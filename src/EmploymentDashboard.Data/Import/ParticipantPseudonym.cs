using System.Security.Cryptography;
using System.Text;

namespace EmploymentDashboard.Data.Import;

/// <summary>
/// Turns an IIN into the pseudonymous participant id with a keyed hash (HMAC-SHA-256), so the same person gets
/// the same id in every import while the id cannot be turned back into the IIN, nor recomputed from a guessed
/// IIN, without the key. The IIN itself is never kept. The key is a secret setting (Import:PseudonymKey).
/// </summary>
public sealed class ParticipantPseudonym
{
    /// <summary>Shortest key accepted, in bytes (the hash's own block strength).</summary>
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    public ParticipantPseudonym(byte[] key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The pseudonym key must have at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        _key = key;
    }

    /// <summary>Reads the key from its setting (base64); null when it is missing or too short.</summary>
    public static ParticipantPseudonym? FromSetting(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(base64.Trim());
            return key.Length >= MinimumKeyBytes ? new ParticipantPseudonym(key) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The participant id of a (valid) IIN: the first 16 bytes of the HMAC, marked as an RFC 9562 version 8 UUID.</summary>
    public Guid IdOf(ReadOnlySpan<char> iin)
    {
        Span<byte> text = stackalloc byte[32];
        var length = Encoding.ASCII.GetBytes(iin, text);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, text[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
