#!/bin/bash
# As apache/kafka's: which API versions a broker answers (the compose file's health check calls it).
exec java -Dlog4j.configuration=file:/opt/kafka/config/log4j.properties -cp "/opt/kafka/libs/*" kafka.admin.BrokerApiVersionsCommand "$@"
