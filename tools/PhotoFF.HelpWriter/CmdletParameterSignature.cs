using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;

namespace PhotoFF.HelpWriter;

/// <summary>How a parameter takes part in one parameter set.</summary>
internal sealed record ParameterSetMembership(string SetName, bool Mandatory, int? Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);

/// <summary>What reflection tells about one parameter of a cmdlet.</summary>
internal sealed record CmdletParameterSignature(
    string Name,
    Type Type,
    IReadOnlyList<string> Aliases,
    bool SupportsWildcards,
    IReadOnlyList<string> AcceptedValues,
    string? DefaultValue,
    IReadOnlyList<ParameterSetMembership> Sets)
{
    public bool IsSwitch => Type == typeof(SwitchParameter);

    public bool IsArray => Type.IsArray;

    public bool ValueFromPipeline => Sets.Any(s => s.ValueFromPipeline);

    public bool ValueFromPipelineByPropertyName => Sets.Any(s => s.ValueFromPipelineByPropertyName);

    /// <summary>Mandatory in every set it belongs to.</summary>
    public bool Mandatory => Sets.All(s => s.Mandatory);

    /// <summary>The position when it is the same in every set it belongs to.</summary>
    public int? Position => Sets.Select(s => s.Position).Distinct().Count() == 1 ? Sets[0].Position : null;

    /// <summary>Its membership of <paramref name="set"/>, through that set's name or the set of all; null when it is not in it.</summary>
    public ParameterSetMembership? MembershipIn(string set) =>
        Sets.FirstOrDefault(s => s.SetName == set) ?? Sets.FirstOrDefault(s => s.SetName == CmdletSignature.AllParameterSets);

    public static CmdletParameterSignature FromProperty(PropertyInfo property, Cmdlet? instance)
    {
        List<ParameterSetMembership> sets = property.GetCustomAttributes<ParameterAttribute>()
            .Select(p => new ParameterSetMembership(
                p.ParameterSetName ?? CmdletSignature.AllParameterSets,
                p.Mandatory,
                p.Position >= 0 ? p.Position : null,
                p.ValueFromPipeline,
                p.ValueFromPipelineByPropertyName))
            .ToList();

        Type elementType = property.PropertyType.IsArray ? property.PropertyType.GetElementType()! : property.PropertyType;
        elementType = Nullable.GetUnderlyingType(elementType) ?? elementType;
        List<string> accepted = property.GetCustomAttribute<ValidateSetAttribute>()?.ValidValues.ToList()
            ?? (elementType.IsEnum ? [.. Enum.GetNames(elementType)] : []);

        return new CmdletParameterSignature(
            property.Name,
            property.PropertyType,
            property.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames).ToList(),
            property.GetCustomAttribute<SupportsWildcardsAttribute>() is not null,
            accepted,
            DefaultOf(property, instance, sets),
            sets);
    }

    /// <summary>
    /// The default as help should show it: <c>[PSDefaultValue]</c> when present; a switch is False; otherwise the initial
    /// value of an optional parameter when it is more than its type's zero value; null when nothing can be known.
    /// </summary>
    private static string? DefaultOf(PropertyInfo property, Cmdlet? instance, List<ParameterSetMembership> sets)
    {
        if (property.GetCustomAttribute<PSDefaultValueAttribute>() is { } declared)
        {
            return declared.Help ?? Format(declared.Value);
        }

        if (property.PropertyType == typeof(SwitchParameter))
        {
            return "False";
        }

        if (instance is null || sets.All(s => s.Mandatory) || !property.CanRead)
        {
            return null;
        }

        object? value = property.GetValue(instance);
        if (value is null || (property.PropertyType.IsValueType && value.Equals(Activator.CreateInstance(property.PropertyType))))
        {
            return null;
        }

        return value is ICollection { Count: 0 } ? null : Format(value);
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Format)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
