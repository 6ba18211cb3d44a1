using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace TalknShop.Orchestrator.Tests.Architecture;

/// <summary>
/// Which feature folder uses which, read from the compiled deployable with
/// System.Reflection.Metadata: base types and interfaces, generic constraints, field, method,
/// property and local signatures, every type, field and method token in method bodies (member
/// references included), and attributes with their <c>typeof</c> arguments. A fully qualified
/// name, a <c>global using</c> or a type only named in an attribute counts as much as a
/// <c>using</c> line, which is all a source scan would see.
/// </summary>
internal sealed class AssemblyDependencies
{
    private const string Root = "TalknShop.Orchestrator";

    /// <summary>The feature of a type in the root namespace (<c>ServiceOptions</c>, <c>Settings</c>, …): the host's shared pieces.</summary>
    public const string Hosting = "(hosting)";

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly MetadataReader _reader;
    private readonly PEReader _pe;
    private readonly Dictionary<(string From, string To), string> _edges = [];
    private readonly Dictionary<(string From, string To), string> _namespaceEdges = [];

    private readonly AttributeTypes _attributeTypes;

    private AssemblyDependencies(PEReader pe)
    {
        _pe = pe;
        _reader = pe.GetMetadataReader();
        _attributeTypes = new AttributeTypes(this);
    }

    /// <summary>Every arrow between two features, with one example of the reference behind it.</summary>
    public IReadOnlyDictionary<(string From, string To), string> Edges => _edges;

    /// <summary>Every arrow between two namespaces of ours (<c>Catalog.Ranking</c> → <c>Catalog.Storage</c>), with an example.</summary>
    public IReadOnlyDictionary<(string From, string To), string> NamespaceEdges => _namespaceEdges;

    /// <summary>The features that own at least one type.</summary>
    public ImmutableSortedSet<string> Features { get; private set; } = [];

    public static AssemblyDependencies Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var dependencies = new AssemblyDependencies(pe);
        dependencies.Collect();
        return dependencies;
    }

    /// <summary>
    /// The feature a type belongs to: the first namespace segment under the root
    /// (<c>Turns.Events</c> is <c>Turns</c>); null for the composition root (<c>Program</c>,
    /// which wires every feature) and for compiler- or generator-made types outside the root.
    /// </summary>
    public string? FeatureOf(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = _reader.GetTypeDefinition(outer);
        }

        var ns = NamespaceOf(handle);
        if (ns == Root)
        {
            return Hosting;
        }

        return ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : null;
    }

    /// <summary>The namespace of a type, of its outermost declaring type when nested.</summary>
    public string NamespaceOf(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = _reader.GetTypeDefinition(outer);
        }

        return _reader.GetString(type.Namespace);
    }

    private string NameOf(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        var name = _reader.GetString(type.Name);
        return type.GetDeclaringType() is { IsNil: false } outer ? NameOf(outer) + "+" + name : _reader.GetString(type.Namespace) + "." + name;
    }

    private void Collect()
    {
        var features = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var handle in _reader.TypeDefinitions)
        {
            if (FeatureOf(handle) is not { } feature)
            {
                continue;
            }

            features.Add(feature);
            var type = _reader.GetTypeDefinition(handle);
            var from = NameOf(handle);
            var fromNamespace = NamespaceOf(handle);
            void Use(IEnumerable<TypeDefinitionHandle> used, string what)
            {
                foreach (var target in used)
                {
                    if (FeatureOf(target) is not { } to)
                    {
                        continue;
                    }

                    if (to != feature)
                    {
                        _edges.TryAdd((feature, to), $"{from} {what} {NameOf(target)}");
                    }

                    if (NamespaceOf(target) is var toNamespace && toNamespace != fromNamespace)
                    {
                        _namespaceEdges.TryAdd((fromNamespace, toNamespace), $"{from} {what} {NameOf(target)}");
                    }
                }
            }

            Use(Types(type.BaseType), "derives from");
            foreach (var i in type.GetInterfaceImplementations())
            {
                Use(Types(_reader.GetInterfaceImplementation(i).Interface), "implements");
            }

            Use(Constraints(type.GetGenericParameters()), "constrains to");
            Use(Attributes(type.GetCustomAttributes()), "is annotated with");
            foreach (var f in type.GetFields())
            {
                var field = _reader.GetFieldDefinition(f);
                Use(field.DecodeSignature(Signatures.Instance, null), "has a field of");
                Use(Attributes(field.GetCustomAttributes()), "has a field annotated with");
            }

            foreach (var p in type.GetProperties())
            {
                var property = _reader.GetPropertyDefinition(p);
                Use(property.DecodeSignature(Signatures.Instance, null).ReturnType, "has a property of");
                Use(Attributes(property.GetCustomAttributes()), "has a property annotated with");
            }

            foreach (var m in type.GetMethods())
            {
                var method = _reader.GetMethodDefinition(m);
                var signature = method.DecodeSignature(Signatures.Instance, null);
                Use(signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(t => t)), "has a method signature with");
                Use(Constraints(method.GetGenericParameters()), "constrains a method to");
                Use(Attributes(method.GetCustomAttributes()), "has a method annotated with");
                foreach (var parameter in method.GetParameters())
                {
                    Use(Attributes(_reader.GetParameter(parameter).GetCustomAttributes()), "has a parameter annotated with");
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    Use(Body(_pe.GetMethodBody(method.RelativeVirtualAddress)), "uses in a method body");
                }
            }
        }

        Features = [.. features];
    }

    private IEnumerable<TypeDefinitionHandle> Constraints(GenericParameterHandleCollection parameters) =>
        parameters.SelectMany(g => _reader.GetGenericParameter(g).GetConstraints())
            .SelectMany(c => Types(_reader.GetGenericParameterConstraint(c).Type));

    private IEnumerable<TypeDefinitionHandle> Attributes(CustomAttributeHandleCollection attributes)
    {
        foreach (var a in attributes)
        {
            var attribute = _reader.GetCustomAttribute(a);
            foreach (var t in Types(attribute.Constructor))
            {
                yield return t;
            }

            CustomAttributeValue<ImmutableArray<TypeDefinitionHandle>> value;
            try
            {
                value = attribute.DecodeValue(_attributeTypes);
            }
            catch (BadImageFormatException)
            {
                continue; // an enum argument of a type from another assembly: no type of ours in it
            }

            foreach (var argument in value.FixedArguments.Concat(value.NamedArguments.Select(n => new CustomAttributeTypedArgument<ImmutableArray<TypeDefinitionHandle>>(n.Type, n.Value))))
            {
                if (argument.Value is ImmutableArray<TypeDefinitionHandle> named)
                {
                    foreach (var t in named)
                    {
                        yield return t;
                    }
                }
            }
        }
    }

    /// <summary>The types of ours that a token (type, type spec, member, method spec, signature) names.</summary>
    private ImmutableArray<TypeDefinitionHandle> Types(EntityHandle handle)
    {
        if (handle.IsNil)
        {
            return [];
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return [(TypeDefinitionHandle)handle];
            case HandleKind.TypeSpecification:
                return _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(Signatures.Instance, null);
            case HandleKind.MethodDefinition:
                var method = _reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                return [method.GetDeclaringType()];
            case HandleKind.FieldDefinition:
                return [_reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()];
            case HandleKind.MemberReference:
                var member = _reader.GetMemberReference((MemberReferenceHandle)handle);
                var parent = Types(member.Parent);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    var signature = member.DecodeMethodSignature(Signatures.Instance, null);
                    return [.. parent, .. signature.ReturnType, .. signature.ParameterTypes.SelectMany(t => t)];
                }

                return [.. parent, .. member.DecodeFieldSignature(Signatures.Instance, null)];
            case HandleKind.MethodSpecification:
                var spec = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                return [.. Types(spec.Method), .. spec.DecodeSignature(Signatures.Instance, null).SelectMany(t => t)];
            case HandleKind.StandaloneSignature:
                var standalone = _reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                if (standalone.GetKind() == StandaloneSignatureKind.LocalVariables)
                {
                    return [.. standalone.DecodeLocalSignature(Signatures.Instance, null).SelectMany(t => t)];
                }

                var call = standalone.DecodeMethodSignature(Signatures.Instance, null);
                return [.. call.ReturnType, .. call.ParameterTypes.SelectMany(t => t)];
            default:
                return [];
        }
    }

    private List<TypeDefinitionHandle> Body(MethodBodyBlock body)
    {
        var used = new List<TypeDefinitionHandle>();
        if (!body.LocalSignature.IsNil)
        {
            used.AddRange(Types(body.LocalSignature));
        }

        foreach (var region in body.ExceptionRegions)
        {
            used.AddRange(Types(region.CatchType));
        }

        var il = body.GetILReader();
        short previous = 0;
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | il.ReadByte());
            }

            if (!Operands.TryGetValue(code, out var operand))
            {
                throw new BadImageFormatException($"unknown IL opcode 0x{code:X} at offset {il.Offset - 1} (previous {previous})");
            }

            previous = code;
            switch (operand)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                    used.AddRange(Types(MetadataTokens.EntityHandle(il.ReadInt32())));
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32(); // read first: `Offset +=` would take the offset before this read
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineString or OperandType.ShortInlineR:
                    il.Offset += 4;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
            }
        }

        return used;
    }

    /// <summary>Decodes a signature to the set of our own type definitions it mentions.</summary>
    private sealed class Signatures : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        public static readonly Signatures Instance = new();

        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(t => t)];
        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(t => t)];
        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => [];
        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => [];
        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) => unmodifiedType;
        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];
        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];
        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [];
        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }

    /// <summary>Attribute arguments: a <c>typeof(X)</c> is a serialized name, resolved against our own types.</summary>
    private sealed class AttributeTypes(AssemblyDependencies owner) : ICustomAttributeTypeProvider<ImmutableArray<TypeDefinitionHandle>>
    {
        private readonly Dictionary<string, TypeDefinitionHandle> _byName = owner._reader.TypeDefinitions.ToDictionary(owner.NameOf, StringComparer.Ordinal);

        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];
        public ImmutableArray<TypeDefinitionHandle> GetSystemType() => [];
        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];
        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSerializedName(string name)
        {
            // "Namespace.Outer+Inner, Assembly, …" (generic arguments in brackets are not split: none of ours is generic)
            var typeName = name.Split(',')[0].Trim();
            return _byName.TryGetValue(typeName, out var handle) ? [handle] : [];
        }

        public PrimitiveTypeCode GetUnderlyingEnumType(ImmutableArray<TypeDefinitionHandle> type) =>
            type.IsDefaultOrEmpty ? throw new BadImageFormatException("enum type from another assembly") : PrimitiveTypeCode.Int32;

        public bool IsSystemType(ImmutableArray<TypeDefinitionHandle> type) => false;
    }
}
