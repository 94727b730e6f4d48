using System.Management.Automation;
using System.Reflection;

namespace PhotoFF.HelpWriter;

/// <summary>What reflection tells about one cmdlet: its name, parameter sets, parameters, output types and online help
/// address.</summary>
internal sealed record CmdletSignature(
    string Name,
    string Verb,
    string Noun,
    Type Type,
    string DefaultParameterSet,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<CmdletParameterSignature> Parameters,
    IReadOnlyList<Type> OutputTypes,
    bool SupportsShouldProcess,
    string? HelpUri = null)
{
    /// <summary>The parameter set every parameter belongs to when no set is named.</summary>
    public const string AllParameterSets = "__AllParameterSets";

    /// <summary>Every <c>[Cmdlet]</c> type of <paramref name="assembly"/>, sorted by name.</summary>
    public static IReadOnlyList<CmdletSignature> FromAssembly(Assembly assembly) =>
        assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsPublic: true } && type.GetCustomAttribute<CmdletAttribute>() is not null)
            .Select(FromType)
            .OrderBy(cmdlet => cmdlet.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

    public static CmdletSignature FromType(Type type)
    {
        CmdletAttribute cmdlet = type.GetCustomAttribute<CmdletAttribute>()
            ?? throw new ArgumentException($"{type.FullName} has no [Cmdlet] attribute.", nameof(type));
        Cmdlet? instance = CreateInstance(type);
        List<CmdletParameterSignature> parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetCustomAttributes<ParameterAttribute>().Any())
            .Select(property => CmdletParameterSignature.FromProperty(property, instance))
            .ToList();

        List<string> named = parameters.SelectMany(p => p.Sets).Select(s => s.SetName).Where(s => s != AllParameterSets).Distinct().ToList();
        string defaultSet = cmdlet.DefaultParameterSetName ?? named.FirstOrDefault() ?? AllParameterSets;
        List<string> sets = named.Count == 0
            ? [AllParameterSets]
            : [.. named.OrderBy(s => s == defaultSet ? 0 : 1).ThenBy(s => s, StringComparer.Ordinal)];

        List<Type> outputs = type.GetCustomAttributes<OutputTypeAttribute>()
            .SelectMany(attribute => attribute.Type)
            .Select(psType => psType.Type)
            .OfType<Type>()
            .Where(t => t != typeof(void))
            .Distinct()
            .ToList();

        return new CmdletSignature($"{cmdlet.VerbName}-{cmdlet.NounName}", cmdlet.VerbName, cmdlet.NounName, type, defaultSet, sets,
            parameters, outputs, cmdlet.SupportsShouldProcess, string.IsNullOrEmpty(cmdlet.HelpUri) ? null : cmdlet.HelpUri);
    }

    /// <summary>The parameters of <paramref name="set"/>: positional ones by position, then mandatory, then the rest.</summary>
    public IEnumerable<(CmdletParameterSignature Parameter, ParameterSetMembership Membership)> ParametersOf(string set) =>
        Parameters
            .Select(p => (Parameter: p, Membership: p.MembershipIn(set)))
            .Where(pair => pair.Membership is not null)
            .Select(pair => (pair.Parameter, Membership: pair.Membership!))
            .OrderBy(pair => pair.Membership.Position ?? int.MaxValue)
            .ThenBy(pair => pair.Membership.Mandatory ? 0 : 1)
            .ThenBy(pair => pair.Parameter.IsSwitch ? 1 : 0);

    /// <summary>A fresh instance, to read the initial values of the parameters (their defaults); null when there is none.</summary>
    private static Cmdlet? CreateInstance(Type type)
    {
        try
        {
            return type.GetConstructor(Type.EmptyTypes)?.Invoke(null) as Cmdlet;
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }
}
