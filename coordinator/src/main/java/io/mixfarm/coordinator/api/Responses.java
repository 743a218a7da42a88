package io.mixfarm.coordinator.api;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.mixfarm.contract.ContractJson;

import java.util.List;

/** JSON responses, written with the contract's mapper (ISO-8601 instants, nulls left out). */
final class Responses {

    private Responses() {
    }

    static HttpResponse json(StatusCode status, Object body) {
        byte[] bytes;
        try {
            bytes = ContractJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            status = StatusCodes.INTERNAL_SERVER_ERROR;
            bytes = ("{\"error\":\"the response could not be written\",\"problems\":[]}").getBytes();
        }
        return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, bytes);
    }

    static HttpResponse error(StatusCode status, String error) {
        return json(status, ApiError.of(error));
    }

    static HttpResponse error(StatusCode status, String error, List<ApiProblem> problems) {
        return json(status, new ApiError(error, problems));
    }
}
