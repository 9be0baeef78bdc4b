// What the tests expect of every refusal: a FeedError, returned so that its kind can be checked.
import assert from "node:assert/strict";

import { FeedError } from "../client.js";

export function refusal(attempt) {
  try {
    attempt();
  } catch (err) {
    assert.ok(err instanceof FeedError, `not a FeedError: ${err}`);
    return err;
  }
  assert.fail("nothing was refused");
}

export async function asyncRefusal(attempt) {
  try {
    await attempt();
  } catch (err) {
    assert.ok(err instanceof FeedError, `not a FeedError: ${err}`);
    return err;
  }
  assert.fail("nothing was refused");
}
