namespace StreamOrleans.Streaming.ExactlyOnce;

/// <summary>
/// What <see cref="ExactlyOnceExtensions.ApplyOnceAsync{TState, TEvent}(IGrainBase, IPersistentState{TState}, IList{Orleans.Streams.SequentialItem{TEvent}}, Action{TState, TEvent, Orleans.Streams.StreamSequenceToken}, ExactlyOnceHooks{TState})"/>
/// calls around storage for a grain whose working model lives beside its state.
/// </summary>
/// <param name="BeforeWrite">Copies the working model into the state just before it is written.</param>
/// <param name="AfterReload">Rebuilds the working model from the state after it was read back (a failed apply or write).</param>
public sealed record ExactlyOnceHooks<TState>(Action<TState>? BeforeWrite = null, Action<TState>? AfterReload = null);
