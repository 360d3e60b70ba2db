"""Learning-rate schedule: linear warm-up, then cosine decay to a floor."""
import math


def learning_rate(step, max_lr, min_lr, warmup_steps, total_steps):
    """The rate for optimizer step `step` (0-based)."""
    if warmup_steps > 0 and step < warmup_steps:
        return max_lr * (step + 1) / warmup_steps
    if step >= total_steps:
        return min_lr
    span = max(1, total_steps - warmup_steps)
    progress = (step - warmup_steps) / span
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (max_lr - min_lr)
