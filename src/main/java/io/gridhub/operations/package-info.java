/**
 * Running the hub: start-up guards for production and operational endpoints beyond what Spring
 * Boot's actuator gives.
 */
package io.gridhub.operations;
