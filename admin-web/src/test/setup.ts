import { afterEach } from 'vitest'
import { cleanUp } from './support'

// async-validator logs every failed rule to the console; the tests assert the messages on the page instead.
Object.assign(globalThis, { ASYNC_VALIDATOR_NO_WARNING: true })

afterEach(cleanUp)
