-- Make the new build durable before it is swapped in.
CHECKPOINT;
