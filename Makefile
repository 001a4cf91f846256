# One command to run, one to test. See README.md.
MVN := ./mvnw -B

.PHONY: build run test verify e2e bench bench-outbox bench-booking bench-questions clean

## build: compile and package every module (admin-web included), skipping tests
build:
	$(MVN) -q install -DskipTests

## run: build, then start gateway (:8080) + api on embedded defaults; Ctrl-C stops both
run: build
	scripts/run-stack.sh

## test: every test of every module (Java, Vitest), then browser tests against the running stack
test: verify e2e

verify:
	$(MVN) verify

e2e:
	scripts/e2e.sh

## bench: wrk benchmark of /api/v1/me and the village notice board, through the gateway vs. straight to the api
bench: build
	bench/run.sh

## bench-outbox: the notification outbox — send rate against its limit, and the drain of 100,000 queued messages
bench-outbox:
	bench/outbox.sh

## bench-booking: the booking race (1,000 residents at once for 5 places, 20 times) and a mixed load, through the gateway
bench-booking: build
	bench/booking.sh

## bench-questions: 50 advisors racing to claim from 1,000 open questions (10 runs), and a kill -9 of the api mid-run
bench-questions: build
	bench/questions.sh

clean:
	$(MVN) -q clean
