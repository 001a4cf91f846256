/**
 * Shared plumbing every feature uses: problem responses, request ids, security, region scoping,
 * the embedded servers and OpenAPI. Features depend on it; it depends on no feature.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package cn.villagecounsel.api.common;

import org.springframework.modulith.ApplicationModule;
