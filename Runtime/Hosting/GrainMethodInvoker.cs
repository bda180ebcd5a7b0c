using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace StreamOrleans.Runtime.Hosting;

/// <summary>
/// Turns an interface method into a compiled delegate that calls it on a grain object, adapted to Task{T}.
/// One invoker per method, built on first use and cached (expression trees instead of reflection per call).
/// </summary>
internal abstract class GrainMethodInvoker
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethodInvoker> Cache = new();

    protected GrainMethodInvoker(MethodInfo method)
    {
        Method = method;
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
    }

    public string Name { get; }

    public MethodInfo Method { get; }

    /// <summary>The type of the awaited result (object for Task and ValueTask, whose result is null).</summary>
    public abstract Type ResultType { get; }

    /// <summary>Calls the grain in this process (a call that arrived from another replica) and returns the boxed result.</summary>
    public abstract Task<object?> InvokeLocalAsync(GrainRuntime runtime, GrainId id, GrainClassInfo classInfo, object?[]? arguments);

    public static GrainMethodInvoker For(MethodInfo method) => Cache.GetOrAdd(method, Create);

    public abstract object Invoke(GrainRuntime runtime, GrainId id, GrainClassInfo classInfo, object?[]? arguments);

    private static GrainMethodInvoker Create(MethodInfo method)
    {
        if (method.IsGenericMethodDefinition)
        {
            throw new NotSupportedException($"{method.DeclaringType!.Name}.{method.Name}: generic grain methods are not supported.");
        }

        var returnType = method.ReturnType;
        Type resultType;
        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            resultType = typeof(object);
        }
        else if (returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            resultType = returnType.GetGenericArguments()[0];
        }
        else
        {
            throw new NotSupportedException(
                $"{method.DeclaringType!.Name}.{method.Name} returns {returnType.Name}: grain methods must return Task, Task<T>, ValueTask or ValueTask<T>.");
        }

        return (GrainMethodInvoker)Activator.CreateInstance(typeof(Typed<>).MakeGenericType(resultType), method)!;
    }

    private static async Task<object?> AsObjectTask(Task task)
    {
        await task;
        return null;
    }

    private sealed class Typed<TResult> : GrainMethodInvoker
    {
        private readonly Func<object, object?[]?, Task<TResult>> _call;
        private readonly Type _returnType;

        public Typed(MethodInfo method)
            : base(method)
        {
            _returnType = method.ReturnType;
            _call = Compile(method);
        }

        public override Type ResultType => typeof(TResult);

        public override async Task<object?> InvokeLocalAsync(GrainRuntime runtime, GrainId id, GrainClassInfo classInfo, object?[]? arguments) =>
            await runtime.InvokeAsync(id, classInfo, _call, arguments, Name);

        public override object Invoke(GrainRuntime runtime, GrainId id, GrainClassInfo classInfo, object?[]? arguments)
        {
            // A grain that lives on another replica is called there; in one process everything is local.
            var task = runtime.Placement is { } placement && !placement.IsLocal(id, classInfo)
                ? runtime.InvokeRemoteAsync(id, classInfo, Method, _call, arguments, Name)
                : runtime.InvokeAsync(id, classInfo, _call, arguments, Name);
            if (_returnType == typeof(ValueTask))
            {
                return new ValueTask(task);
            }

            return _returnType == typeof(ValueTask<TResult>) ? new ValueTask<TResult>(task) : task;
        }

        private static Func<object, object?[]?, Task<TResult>> Compile(MethodInfo method)
        {
            var grain = Expression.Parameter(typeof(object), "grain");
            var args = Expression.Parameter(typeof(object[]), "args");
            var parameters = method.GetParameters();
            var call = Expression.Call(
                Expression.Convert(grain, method.DeclaringType!),
                method,
                parameters.Select((p, i) => (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType)));

            Expression body = call;
            if (method.ReturnType == typeof(ValueTask) || (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            {
                body = Expression.Call(body, method.ReturnType.GetMethod(nameof(ValueTask.AsTask))!);
            }

            if (body.Type == typeof(Task))
            {
                body = Expression.Call(typeof(GrainMethodInvoker).GetMethod(nameof(AsObjectTask), BindingFlags.NonPublic | BindingFlags.Static)!, body);
            }

            return Expression.Lambda<Func<object, object?[]?, Task<TResult>>>(body, grain, args).Compile();
        }
    }
}
