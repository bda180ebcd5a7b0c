using Google.Protobuf;
using StreamOrleans.Grains.Cameras.Onnx.Proto;

namespace StreamOrleans.Grains.Cameras.Onnx;

/// <summary>
/// Builds one ONNX graph node by node (our own minimal writer over the message subset in onnx.proto): float32 and
/// int64 initializers, operator nodes with int / ints / float / string attributes, one float32 NCHW input and one
/// output. Value names are generated ("{op}_{n}") so callers only chain the names the methods return.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>ONNX IR version 8 (opset 13..17 era), which ONNX Runtime 1.32 reads.</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain operator set the graphs use.</summary>
    public const long Opset = 17;

    private readonly GraphProto _graph = new();
    private int _next;

    public OnnxGraphBuilder(string name) => _graph.Name = name;

    /// <summary>A float32 initializer with the given dimensions (row-major values).</summary>
    public string Initializer(string name, long[] dims, ReadOnlySpan<float> values)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var count = dims.Aggregate(1L, (a, d) => a * d);
        if (count != values.Length)
        {
            throw new ArgumentException($"Initializer '{name}' has dims [{string.Join(", ", dims)}] but {values.Length} values.", nameof(values));
        }

        var bytes = new byte[values.Length * sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this converter writes it only on little-endian machines.");
        }

        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>An int64 initializer (shapes, pads).</summary>
    public string Int64Initializer(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        var bytes = new byte[values.Length * sizeof(long)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(bytes);
        tensor.RawData = ByteString.CopyFrom(bytes);
        tensor.Dims.Add(values.Length);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds a node of <paramref name="opType"/> and returns the name of its (single) output.</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, params AttributeProto[] attributes)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var output = $"{opType.ToLowerInvariant()}_{_next++}";
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>Declares a float32 graph input; null dimensions are symbolic (named <c>dim{i}</c> unless given).</summary>
    public void Input(string name, params object[] dims) => _graph.Input.Add(ValueInfo(name, dims));

    /// <summary>Renames the last node's output to <paramref name="name"/> and declares it the graph's output.</summary>
    public void Output(string value, string name, params object[] dims)
    {
        foreach (var node in _graph.Node)
        {
            for (var i = 0; i < node.Output.Count; i++)
            {
                if (node.Output[i] == value)
                {
                    node.Output[i] = name;
                }
            }
        }

        _graph.Output.Add(ValueInfo(name, dims));
    }

    /// <summary>The model: our graph, IR 8, default-domain opset 17, with a producer and a description.</summary>
    public ModelProto Build(string producerVersion, string description)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "StreamOrleans face-api converter",
            ProducerVersion = producerVersion,
            DocString = description,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        return model;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static ValueInfoProto ValueInfo(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                int v => new TensorShapeProto.Types.Dimension { DimValue = v },
                long v => new TensorShapeProto.Types.Dimension { DimValue = v },
                string p => new TensorShapeProto.Types.Dimension { DimParam = p },
                _ => throw new ArgumentException($"A dimension is an int, a long or a symbolic name; got {dim}.", nameof(dims)),
            });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
