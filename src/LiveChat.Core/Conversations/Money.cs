using LiveChat.Core.Internal;

namespace LiveChat.Core.Conversations;

/// <summary>An amount in a currency, such as a deal's value (feature C7).</summary>
public readonly record struct Money
{
    /// <summary>Creates an amount.</summary>
    /// <param name="amount">Zero or more.</param>
    /// <param name="currency">A three-letter ISO 4217 code such as <c>EUR</c>; upper-cased.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    /// <exception cref="ArgumentException">The currency is not three letters.</exception>
    public Money(decimal amount, string currency)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Guard.NotNullOrWhiteSpace(currency, 3);
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetter))
        {
            throw new ArgumentException($"'{currency}' is not a three-letter ISO 4217 currency code.", nameof(currency));
        }

        Amount = amount;
        Currency = currency.ToUpperInvariant();
    }

    /// <summary>The amount.</summary>
    public decimal Amount { get; }

    /// <summary>The ISO 4217 currency code.</summary>
    public string Currency { get; }

    /// <summary>Whether this is <c>default(Money)</c>, which has no currency and is refused wherever an amount is expected.</summary>
    internal bool IsDefault => Currency is null;

    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Amount:0.##} {Currency}");
}
