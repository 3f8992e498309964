using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Referrals.Domain.Clients;

namespace Referrals.Functions.Clients;

/// <summary>A stored client record that cannot be read: its ciphertext or wrapped key fails the
/// authentication check (altered, or copied from another client), or names a key version that is no
/// longer enabled. Names the client id only.</summary>
internal sealed class ClientRecordUnreadableException(string clientId, string reason, Exception? inner = null)
    : Exception($"The client record {clientId} cannot be read: {reason}.", inner)
{
    public string ClientId { get; } = clientId;
}

/// <summary>The sealed form of a record as it is stored: the data key wrapped under a KEK version,
/// and the record encrypted under the data key.</summary>
internal sealed record SealedClientRecord(string KekVersion, byte[] WrappedKey, byte[] Payload);

/// <summary>Envelope encryption of a client record. Each write draws a random 256-bit data key,
/// encrypts the record (JSON) with AES-256-GCM under it with the client id as associated data, and
/// wraps the data key with AES-256-GCM under the current KEK (associated data: the client id and the KEK
/// version). Layout of both: nonce (12) ‖ tag (16) ‖ ciphertext. A record moved to another client id,
/// or any altered byte, fails authentication.</summary>
internal static class ClientRecordCipher
{
    private const int NonceSize = 12, TagSize = 16, DataKeySize = 32;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SealedClientRecord Seal(ClientRecord record, KeyEncryptionKey kek)
    {
        var dataKey = RandomNumberGenerator.GetBytes(DataKeySize);
        try
        {
            var plain = JsonSerializer.SerializeToUtf8Bytes(Plain.From(record), Json);
            var payload = Encrypt(dataKey, plain, Encoding.UTF8.GetBytes(record.ClientId));
            CryptographicOperations.ZeroMemory(plain);
            var wrapped = Encrypt(kek.Key, dataKey, WrapContext(record.ClientId, kek.Version));
            return new SealedClientRecord(kek.Version, wrapped, payload);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    public static ClientRecord Open(string clientId, SealedClientRecord sealedRecord, KeyEncryptionKey kek)
    {
        byte[]? dataKey = null;
        try
        {
            dataKey = Decrypt(kek.Key, sealedRecord.WrappedKey, WrapContext(clientId, sealedRecord.KekVersion));
            if (dataKey.Length != DataKeySize) throw new ClientRecordUnreadableException(clientId, "the wrapped data key has the wrong size");
            var plain = Decrypt(dataKey, sealedRecord.Payload, Encoding.UTF8.GetBytes(clientId));
            var stored = JsonSerializer.Deserialize<Plain>(plain, Json);
            CryptographicOperations.ZeroMemory(plain);
            return stored?.ToRecord(clientId) ?? throw new ClientRecordUnreadableException(clientId, "the record is empty");
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException or ArgumentException)
        {
            throw new ClientRecordUnreadableException(clientId, "the integrity check failed", e);
        }
        finally
        {
            if (dataKey is not null) CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static byte[] WrapContext(string clientId, string kekVersion) => Encoding.UTF8.GetBytes($"client-record-data-key\n{clientId}\n{kekVersion}");

    private static byte[] Encrypt(byte[] key, byte[] plain, byte[] associated)
    {
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), associated);
        return output;
    }

    private static byte[] Decrypt(byte[] key, byte[] sealedBytes, byte[] associated)
    {
        if (sealedBytes.Length < NonceSize + TagSize) throw new CryptographicException("too short");
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, associated);
        return plain;
    }

    /// <summary>The encrypted JSON: the record without its client id (that is the key and the associated data).</summary>
    private sealed record Plain(
        string FullName, string IdentityCode, ClientLanguage Language, string Street, string PostalCode, string PostOffice,
        string? Email, bool ElectronicNotificationConsent, string? InterpreterLanguage)
    {
        public static Plain From(ClientRecord r) => new(
            r.FullName, r.IdentityCode.Value, r.Language, r.Address.Street, r.Address.PostalCode, r.Address.PostOffice,
            r.Email, r.ElectronicNotificationConsent, r.InterpreterLanguage);

        public ClientRecord ToRecord(string clientId) => new(
            clientId, FullName,
            PersonalIdentityCode.TryParse(IdentityCode, allowTemporaryNumbers: true, out var code, out _) ? code : throw new FormatException("identity code"),
            Language, new PostalAddress(Street, PostalCode, PostOffice), Email, ElectronicNotificationConsent, InterpreterLanguage);

        public override string ToString() => "Plain { }";
    }
}
